package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ApiVersion;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import java.util.Set;

/**
 * Checks a parsed body against the Messages API's rules for its endpoint and API version: required
 * fields, types, ranges, unknown fields, roles, tools, thinking. Model-dependent limits (max_tokens,
 * context window) are checked once the model is known, by the model catalogue stage.
 */
public final class RequestValidator implements Stage {
    private static final Set<String> MESSAGES_FIELDS = Set.of("model", "max_tokens", "messages", "system",
            "temperature", "top_p", "top_k", "stop_sequences", "stream", "metadata", "tools", "tool_choice",
            "thinking", "output_config", "output_format", "cache_control", "service_tier", "container",
            "inference_geo", "mcp_servers", "context_management", "fallbacks", "fallback_credit_token", "speed",
            "diagnostics", "user_profile_id", "thread", "compaction", "billing_policy");
    private static final Set<String> COUNT_TOKENS_FIELDS = Set.of("model", "messages", "system", "tools",
            "tool_choice", "thinking", "output_config", "output_format", "cache_control", "mcp_servers",
            "context_management", "container", "speed");
    private static final Set<String> SAMPLING = Set.of("temperature", "top_p", "top_k");
    private static final int MAX_MESSAGES = 100_000;
    /** The beta field that says what a thinking block bound to another conversation does (thinking.ThinkingBinding). */
    private static final String BLOCK_BINDING = "block_binding";
    /** The smallest {@code thinking.budget_tokens} the API accepts. */
    static final int MIN_THINKING_BUDGET = 1024;

    private final ValidationSettings settings;
    private final ContentRules content;

    /** @param serverBlockTypes content blocks of server tools, whose support the feature policy decides */
    public RequestValidator(ValidationSettings settings, Set<String> serverBlockTypes) {
        this.settings = settings;
        this.content = new ContentRules(serverBlockTypes);
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.BODY, Slot.API_VERSION).andProvides(Slot.MESSAGE);
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode body = exchange.body();
        ApiVersion version = exchange.apiVersion();
        boolean messages = exchange.endpoint() == Endpoint.MESSAGES;
        checkFieldNames(body, messages, version);

        Check.string(Check.required(body, "model", ""), "model");
        int maxTokens = messages ? checkMaxTokens(body) : 0;
        checkMessages(Check.required(body, "messages", ""), version);
        if (body.has("system")) {
            ContentRules.checkSystem(body.get("system"), "system");
        }
        Set<String> tools = ToolRules.checkTools(body.get("tools"));
        String choice = ToolRules.checkToolChoice(body.get("tool_choice"), tools);
        checkThinking(body.get("thinking"), maxTokens, messages, choice);
        checkOutputConfig(body);
        ContextManagementRules.check(body.get("context_management"), thinkingOn(body.get("thinking")));
        CacheControlRules.check(body, "");
        if (messages) {
            checkSamplingAndFlags(body);
        }
        exchange.message(new MessageRequest(body));
    }

    private static void checkFieldNames(ObjectNode body, boolean messages, ApiVersion version) {
        if (!version.allowsSamplingParameters()) {
            for (String field : SAMPLING) {
                if (body.has(field)) {
                    throw Check.at(field, ApiError.EXTRA_INPUT);
                }
            }
        }
        Check.onlyFields(body, "", messages ? MESSAGES_FIELDS : COUNT_TOKENS_FIELDS);
    }

    private static int checkMaxTokens(ObjectNode body) {
        long maxTokens = Check.integer(Check.required(body, "max_tokens", ""), "max_tokens");
        Check.atLeast(maxTokens, 0, "max_tokens");
        Check.atMost(maxTokens, Integer.MAX_VALUE, "max_tokens");
        return (int) maxTokens;
    }

    private void checkMessages(JsonNode node, ApiVersion version) {
        ArrayNode messages = Check.array(node, "messages");
        if (messages.isEmpty()) {
            throw Check.at("messages", ApiError.EMPTY_LIST);
        }
        if (messages.size() > MAX_MESSAGES) {
            throw Check.at("messages", ApiError.TOO_MANY_ITEMS, MAX_MESSAGES, messages.size());
        }
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages." + i;
            ObjectNode message = Check.object(messages.get(i), path);
            Check.onlyFields(message, path, Set.of("role", "content"));
            String role = Check.oneOf(Check.required(message, "role", path), path + ".role",
                    version.allowsSystemMessages() ? Set.of("user", "assistant", "system") : Set.of("user", "assistant"));
            if (role.equals("system")) {
                ContentRules.checkSystem(Check.required(message, "content", path), path + ".content");
                continue;
            }
            JsonNode blocks = Check.required(message, "content", path);
            boolean finalAssistant = i == messages.size() - 1 && role.equals("assistant");
            if (!finalAssistant && isEmpty(blocks)) {
                throw Check.at(path, ApiError.EMPTY_CONTENT);
            }
            content.checkContent(blocks, path + ".content", role, version);
            if (settings.consecutiveRoles.equals("reject")) {
                if (i == 0 && !role.equals("user")) {
                    throw ApiException.of(ApiError.FIRST_ROLE_NOT_USER);
                }
                if (role.equals(previousRole)) {
                    throw ApiException.of(ApiError.ROLES_NOT_ALTERNATING, role);
                }
            }
            previousRole = role;
        }
        ToolPairing.check(messages);
        ImageRules.check(messages);
    }

    private static boolean thinkingOn(JsonNode thinking) {
        String type = thinking == null ? "disabled" : thinking.path("type").asText("disabled");
        return type.equals("enabled") || type.equals("adaptive");
    }

    /** {@code ""} or {@code []}: only a final assistant turn may be empty (the model continues from nothing). */
    private static boolean isEmpty(JsonNode content) {
        return content.isTextual() ? content.textValue().isEmpty() : content.isArray() && content.isEmpty();
    }

    private static void checkThinking(JsonNode thinking, int maxTokens, boolean messages, String toolChoice) {
        if (thinking == null || thinking.isNull()) {
            return;
        }
        ObjectNode obj = Check.object(thinking, "thinking");
        String type = Check.tag(obj, "thinking", Set.of("enabled", "adaptive", "disabled", "between_tools"));
        String path = "thinking." + type;
        switch (type) {
            case "enabled" -> {
                Check.onlyFields(obj, path, Set.of("type", "budget_tokens", "display", BLOCK_BINDING));
                long budget = Check.integer(Check.required(obj, "budget_tokens", path), path + ".budget_tokens");
                Check.atLeast(budget, MIN_THINKING_BUDGET, path + ".budget_tokens");
                if (messages && maxTokens <= budget) {
                    throw ApiException.of(ApiError.THINKING_BUDGET_NOT_BELOW_MAX);
                }
            }
            case "adaptive" -> Check.onlyFields(obj, path, Set.of("type", "display", BLOCK_BINDING));
            default -> Check.onlyFields(obj, path, Set.of("type"));
        }
        if (obj.has("display")) {
            Check.oneOf(obj.get("display"), path + ".display", Set.of("summarized", "omitted"));
        }
        if (obj.has(BLOCK_BINDING)) {
            String where = path + "." + BLOCK_BINDING;
            ObjectNode binding = Check.object(obj.get(BLOCK_BINDING), where);
            Check.onlyFields(binding, where, Set.of("prefix_mismatch_behavior"));
            if (binding.has("prefix_mismatch_behavior") && !binding.get("prefix_mismatch_behavior").isNull()) {
                Check.oneOf(binding.get("prefix_mismatch_behavior"), where + ".prefix_mismatch_behavior",
                        Set.of("error", "drop_block"));
            }
        }
        if (!type.equals("disabled") && (toolChoice.equals("any") || toolChoice.equals("tool"))) {
            throw ApiException.of(ApiError.THINKING_WITH_FORCED_TOOL);
        }
    }

    private static void checkOutputConfig(ObjectNode body) {
        JsonNode config = body.get("output_config");
        if (config != null && !config.isNull()) {
            ObjectNode obj = Check.object(config, "output_config");
            Check.onlyFields(obj, "output_config", Set.of("effort", "format", "task_budget"));
            if (obj.has("effort")) {
                Check.oneOf(obj.get("effort"), "output_config.effort", Set.of("low", "medium", "high", "xhigh", "max"));
            }
            if (obj.has("format") && !obj.get("format").isNull()) {
                checkFormat(obj.get("format"), "output_config.format");
            }
        }
        JsonNode legacy = body.get("output_format");
        if (legacy != null && !legacy.isNull()) {
            checkFormat(legacy, "output_format");
        }
    }

    private static void checkFormat(JsonNode format, String path) {
        ObjectNode obj = Check.object(format, path);
        Check.tag(obj, path, Set.of("json_schema"));
        Check.onlyFields(obj, path + ".json_schema", Set.of("type", "schema"));
        Check.object(Check.required(obj, "schema", path + ".json_schema"), path + ".json_schema.schema");
        // The schema's own limits are checked by policy.ModelRules, once the model is known to accept the field.
    }

    private static void checkSamplingAndFlags(ObjectNode body) {
        if (body.has("temperature")) {
            double t = Check.number(body.get("temperature"), "temperature");
            Check.atLeast(t, 0, "temperature");
            Check.atMost(t, 1, "temperature");
        }
        if (body.has("top_p")) {
            double p = Check.number(body.get("top_p"), "top_p");
            Check.atLeast(p, 0, "top_p");
            Check.atMost(p, 1, "top_p");
        }
        if (body.has("top_k")) {
            Check.atLeast(Check.integer(body.get("top_k"), "top_k"), 0, "top_k");
        }
        if (body.has("stream")) {
            Check.bool(body.get("stream"), "stream");
        }
        if (body.has("stop_sequences")) {
            ArrayNode stops = Check.array(body.get("stop_sequences"), "stop_sequences");
            for (int i = 0; i < stops.size(); i++) {
                Check.string(stops.get(i), "stop_sequences." + i);
            }
        }
        if (body.has("metadata")) {
            ObjectNode metadata = Check.object(body.get("metadata"), "metadata");
            Check.onlyFields(metadata, "metadata", Set.of("user_id"));
            if (metadata.hasNonNull("user_id")) {
                Check.string(metadata.get("user_id"), "metadata.user_id");
            }
        }
        if (body.has("service_tier")) {
            Check.oneOf(body.get("service_tier"), "service_tier", Set.of("auto", "standard_only"));
        }
    }
}
