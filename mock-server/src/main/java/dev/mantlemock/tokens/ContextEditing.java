package dev.mantlemock.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ContextEdits;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code context_management} edits server-side, as the context-editing page describes, before the
 * tokens are counted: old tool results (and, if asked, their inputs) are replaced by a placeholder, old
 * turns' thinking blocks dropped. The request the later stages see is the edited one; the response reports
 * each edit that cleared something ({@code applied_edits}). Compaction is validated but never triggered.
 */
public final class ContextEditing implements Stage {
    /** [I] The docs say a placeholder tells Claude the result was removed; its text is not published. */
    static final String PLACEHOLDER = "[tool result cleared by context management]";
    /** [D] Defaults of clear_tool_uses_20250919 and clear_thinking_20251015. */
    static final int DEFAULT_TRIGGER_INPUT_TOKENS = 100_000;
    static final int DEFAULT_KEEP_TOOL_USES = 3;
    static final int DEFAULT_KEEP_THINKING_TURNS = 1;

    private final TokenEstimator estimator;
    private final boolean supported;

    /** @param supported false to refuse {@code context_management} as unsupported on the endpoint */
    public ContextEditing(TokenEstimator estimator, boolean supported) {
        this.estimator = estimator;
        this.supported = supported;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL).andProvides(Slot.MESSAGE, Slot.CONTEXT_EDITS);
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode config = exchange.message().json().get("context_management");
        if (config == null || config.isNull()) {
            exchange.contextEdits(ContextEdits.NONE);
            return;
        }
        if (!supported) {
            throw ApiException.of(ApiError.NOT_SUPPORTED, "context_management", "Context editing");
        }
        ObjectNode body = exchange.message().json().deepCopy();
        ObjectNode report = Json.object();
        ArrayNode applied = report.putArray("applied_edits");
        for (JsonNode edit : config.path("edits")) {
            ObjectNode done = switch (edit.path("type").asText()) {
                case ContextEdits.CLEAR_TOOL_USES -> clearToolUses(body, edit, exchange.model());
                case ContextEdits.CLEAR_THINKING -> clearThinking(body, edit, exchange.model());
                default -> null;
            };
            if (done != null) {
                applied.add(done);
            }
        }
        exchange.message(new MessageRequest(body));
        exchange.contextEdits(new ContextEdits(report));
    }

    private ObjectNode clearToolUses(ObjectNode body, JsonNode edit, ModelSpec model) {
        int before = estimator.estimateInput(new MessageRequest(body), model);
        List<ObjectNode> uses = blocks(body, "assistant", Set.of("tool_use"));
        JsonNode trigger = edit.path("trigger");
        long threshold = trigger.path("value").asLong(DEFAULT_TRIGGER_INPUT_TOKENS);
        long measured = trigger.path("type").asText("input_tokens").equals("tool_uses") ? uses.size() : before;
        if (measured <= threshold) {
            return null;
        }
        int keep = edit.path("keep").path("value").asInt(DEFAULT_KEEP_TOOL_USES);
        Set<String> excluded = strings(edit.path("exclude_tools"));
        JsonNode inputs = edit.path("clear_tool_inputs");
        ObjectNode trial = body.deepCopy();
        List<ObjectNode> trialUses = blocks(trial, "assistant", Set.of("tool_use"));
        Set<String> cleared = new HashSet<>();
        for (int i = 0; i < trialUses.size() - keep; i++) {
            ObjectNode use = trialUses.get(i);
            String name = use.path("name").asText();
            if (!excluded.contains(name)) {
                cleared.add(use.path("id").asText());
                if (inputs.asBoolean(false) || strings(inputs).contains(name)) {
                    use.putObject("input");
                }
            }
        }
        for (ObjectNode result : blocks(trial, "user", Set.of("tool_result"))) {
            if (cleared.contains(result.path("tool_use_id").asText())) {
                result.put("content", PLACEHOLDER);
            }
        }
        int freed = before - estimator.estimateInput(new MessageRequest(trial), model);
        if (cleared.isEmpty() || freed < edit.path("clear_at_least").path("value").asLong(0)) {
            return null; // [D] an edit that cannot clear clear_at_least tokens is not applied
        }
        body.setAll(trial);
        return Json.object().put("type", ContextEdits.CLEAR_TOOL_USES).put("cleared_tool_uses", cleared.size())
                .put("cleared_input_tokens", Math.max(0, freed));
    }

    private ObjectNode clearThinking(ObjectNode body, JsonNode edit, ModelSpec model) {
        JsonNode keep = edit.path("keep");
        if (keep.asText().equals("all") || keep.path("type").asText().equals("all")) {
            return null;
        }
        int keepTurns = keep.path("value").asInt(DEFAULT_KEEP_THINKING_TURNS);
        int before = estimator.estimateInput(new MessageRequest(body), model);
        List<ArrayNode> turns = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("assistant") && hasThinking(message.path("content"))) {
                turns.add((ArrayNode) message.path("content"));
            }
        }
        int clearedTurns = 0;
        for (int i = 0; i < turns.size() - keepTurns; i++) {
            ArrayNode content = turns.get(i);
            ArrayNode rest = Json.NODES.arrayNode();
            content.forEach(b -> {
                if (!isThinking(b)) {
                    rest.add(b);
                }
            });
            if (!rest.isEmpty()) {
                content.removeAll();
                content.addAll(rest);
                clearedTurns++;
            }
        }
        if (clearedTurns == 0) {
            return null;
        }
        int freed = before - estimator.estimateInput(new MessageRequest(body), model);
        return Json.object().put("type", ContextEdits.CLEAR_THINKING).put("cleared_thinking_turns", clearedTurns)
                .put("cleared_input_tokens", Math.max(0, freed));
    }

    /** Blocks of the given types in messages of a role, in order, tool results' own content not included. */
    private static List<ObjectNode> blocks(ObjectNode body, String role, Set<String> types) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals(role)) {
                for (JsonNode block : message.path("content")) {
                    if (types.contains(block.path("type").asText())) {
                        out.add((ObjectNode) block);
                    }
                }
            }
        }
        return out;
    }

    private static boolean hasThinking(JsonNode content) {
        for (JsonNode block : content) {
            if (isThinking(block)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isThinking(JsonNode block) {
        String type = block.path("type").asText();
        return type.equals("thinking") || type.equals("redacted_thinking");
    }

    private static Set<String> strings(JsonNode list) {
        Set<String> out = new HashSet<>();
        if (list.isArray()) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
