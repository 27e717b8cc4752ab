package dev.mantlemock.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelCapabilities;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.util.List;

/**
 * Refuses what the requested model does not accept, as its row in {@code bedrock/models.yaml} says:
 * thinking modes and the effort each allows, effort levels, sampling parameters (alone, together, with
 * thinking), forced {@code tool_choice}, mid-conversation system messages, assistant prefill, structured
 * outputs, tool {@code strict}, and the number and order of cache breakpoints.
 * Each refusal uses the first-party wording. Shapes and ranges were checked before, by validation.
 */
public final class ModelRules implements Stage {
    /** With thinking on, {@code top_p} may not go below this (first-party rule). */
    private static final double MIN_TOP_P_WITH_THINKING = 0.95;

    private final Boolean prefillOverride;
    private final boolean samplingAtDefault;

    /** Every model's rules as its row says, with the defaults of the switches. */
    public ModelRules() {
        this(null, true);
    }

    /**
     * @param prefillOverride   {@code validation.allow-prefill}: null lets each model decide, else it holds for every model
     * @param samplingAtDefault {@code validation.sampling-at-default}: whether a deprecated {@code temperature} is
     *                          still accepted at its default, 1 (the docs), or refused like any value (live reports)
     */
    public ModelRules(Boolean prefillOverride, boolean samplingAtDefault) {
        this.prefillOverride = prefillOverride;
        this.samplingAtDefault = samplingAtDefault;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL);
    }

    @Override
    public void process(Exchange exchange) {
        MessageRequest request = exchange.message();
        ModelCapabilities model = exchange.model().capabilities();
        checkThinking(request, model);
        checkEffort(request, model);
        checkEffortCap(request, model);
        checkToolChoice(request, model);
        if (exchange.endpoint() == Endpoint.MESSAGES) {
            checkSampling(request, model);
        }
        SystemMessagePlacement.check(request.messages(), model.systemMessages());
        checkPrefill(request, model);
        checkStructuredOutputs(request, model);
        CacheBreakpoints.check(request, model.maxCacheBreakpoints());
    }

    private static void checkThinking(MessageRequest request, ModelCapabilities model) {
        String type = request.thinking().path("type").asText(null);
        if (type == null || model.thinkingModes().contains(type)) {
            return;
        }
        throw type.equals("adaptive") ? ApiException.of(ApiError.ADAPTIVE_THINKING_NOT_SUPPORTED)
                : ApiException.of(ApiError.THINKING_TYPE_NOT_SUPPORTED, type);
    }

    private static void checkEffort(MessageRequest request, ModelCapabilities model) {
        JsonNode effort = request.json().path("output_config").path("effort");
        if (!effort.isTextual()) {
            return;
        }
        if (model.effortLevels().isEmpty()) {
            throw ApiException.of(ApiError.EFFORT_NOT_SUPPORTED);
        }
        if (!model.effortLevels().contains(effort.asText())) {
            throw ApiException.of(ApiError.NOT_ONE_OF, "output_config.effort", pydanticChoices(model.effortLevels()));
        }
    }

    /** Some thinking types allow only the lower efforts (Opus 5: disabled up to high); a missing effort is the model's default. */
    private static void checkEffortCap(MessageRequest request, ModelCapabilities model) {
        String type = model.thinkingTypeOf(request);
        String cap = model.effortCaps().get(type);
        String effort = model.effortOf(request).orElse(null);
        List<String> levels = ModelCapabilities.EFFORT_LEVELS;
        if (cap == null || effort == null || levels.indexOf(effort) <= levels.indexOf(cap)) {
            return;
        }
        throw type.equals("between_tools") ? ApiException.of(ApiError.EFFORT_OVER_CAP_BETWEEN_TOOLS, effort, cap)
                : ApiException.of(ApiError.EFFORT_OVER_CAP_THINKING_DISABLED, effort, cap);
    }

    /** Forced tool use ({@code any}, {@code tool}) is gone on the 5.5 models and Fable 5.1+; count_tokens refuses it too. */
    private static void checkToolChoice(MessageRequest request, ModelCapabilities model) {
        String choice = request.json().path("tool_choice").path("type").asText("");
        if (!model.forcedToolChoice() && (choice.equals("any") || choice.equals("tool"))) {
            throw ApiException.of(ApiError.FORCED_TOOL_CHOICE_NOT_SUPPORTED);
        }
    }

    private void checkSampling(MessageRequest request, ModelCapabilities model) {
        JsonNode body = request.json();
        for (String parameter : ModelCapabilities.SAMPLING_PARAMETERS) {
            JsonNode value = body.path(parameter);
            if (value.isNumber() && !model.samplingParameters().contains(parameter) && !stillAccepted(parameter, value, model)) {
                throw ApiException.of(ApiError.SAMPLING_DEPRECATED, parameter);
            }
        }
        JsonNode temperature = body.path("temperature");
        JsonNode topP = body.path("top_p");
        if (temperature.isNumber() && topP.isNumber() && !model.temperatureWithTopP()) {
            throw ApiException.of(ApiError.TEMPERATURE_AND_TOP_P);
        }
        String thinking = model.thinkingTypeOf(request);
        if (thinking.equals("enabled") || thinking.equals("adaptive")) {
            if (temperature.isNumber() && temperature.asDouble() != 1.0) {
                throw ApiException.of(ApiError.TEMPERATURE_WITH_THINKING);
            }
            if (topP.isNumber() && topP.asDouble() < MIN_TOP_P_WITH_THINKING) {
                throw ApiException.of(ApiError.TOP_P_WITH_THINKING);
            }
        }
    }

    /** A parameter the model deprecated is still accepted at its default (temperature 1) or in its top_p range. */
    private boolean stillAccepted(String parameter, JsonNode value, ModelCapabilities model) {
        return switch (parameter) {
            case "temperature" -> samplingAtDefault && value.asDouble() == 1.0;
            case "top_p" -> model.topPAccepted().accepts(value.asDouble());
            default -> false;
        };
    }

    private void checkPrefill(MessageRequest request, ModelCapabilities model) {
        boolean allowed = prefillOverride != null ? prefillOverride : model.prefill();
        if (!allowed && request.lastMessage().path("role").asText().equals("assistant")) {
            throw ApiException.of(ApiError.PREFILL_NOT_SUPPORTED);
        }
    }

    /** On Mantle these are unknown fields: the answer is pydantic's "Extra inputs" at the field's path. */
    private static void checkStructuredOutputs(MessageRequest request, ModelCapabilities model) {
        JsonNode body = request.json();
        if (!model.structuredOutputs()) {
            if (!body.path("output_config").path("format").isMissingNode()) {
                throw ApiException.of(ApiError.EXTRA_INPUT, "output_config.format");
            }
            if (body.has("output_format")) {
                throw ApiException.of(ApiError.EXTRA_INPUT, "output_format");
            }
        }
        JsonNode tools = request.tools();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (tool.path("type").asText("custom").equals("custom") && tool.has("strict")) {
                if (!model.strictTools()) {
                    throw ApiException.of(ApiError.EXTRA_INPUT, "tools." + i + ".custom.strict");
                }
                if (tool.path("strict").asBoolean(false)) {
                    StrictSchemaRules.check(tool.path("input_schema"), "tools." + i + ".custom");
                }
            }
        }
        // Accepted fields: their schemas must stay within what the API can constrain generation to.
        JsonNode format = body.path("output_config").path("format");
        if (format.path("schema").isObject()) {
            StrictSchemaRules.check(format.path("schema"), "output_config.format.schema");
        }
        if (body.path("output_format").path("schema").isObject()) {
            StrictSchemaRules.check(body.path("output_format").path("schema"), "output_format.schema");
        }
    }

    /** {@code 'a', 'b' or 'c'}: allowed values in their order, as pydantic lists a literal's. */
    private static String pydanticChoices(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : i == values.size() - 1 ? " or " : ", ").append('\'').append(values.get(i)).append('\'');
        }
        return s.toString();
    }
}
