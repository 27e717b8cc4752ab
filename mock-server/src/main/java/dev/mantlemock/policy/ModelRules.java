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
 * thinking modes, effort levels, sampling parameters (alone, together, with thinking), assistant
 * prefill, structured outputs, tool {@code strict}, and the number and order of cache breakpoints.
 * Each refusal uses the first-party wording. Shapes and ranges were checked before, by validation.
 */
public final class ModelRules implements Stage {
    /** With thinking on, {@code top_p} may not go below this (first-party rule). */
    private static final double MIN_TOP_P_WITH_THINKING = 0.95;

    private final Boolean prefillOverride;

    /** @param prefillOverride {@code validation.allow-prefill}: null lets each model decide, else it holds for every model */
    public ModelRules(Boolean prefillOverride) {
        this.prefillOverride = prefillOverride;
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
        if (exchange.endpoint() == Endpoint.MESSAGES) {
            checkSampling(request, model);
        }
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

    private static void checkSampling(MessageRequest request, ModelCapabilities model) {
        JsonNode body = request.json();
        for (String parameter : ModelCapabilities.SAMPLING_PARAMETERS) {
            JsonNode value = body.path(parameter);
            boolean atDefault = parameter.equals("temperature") && value.isNumber() && value.asDouble() == 1.0;
            if (value.isNumber() && !model.samplingParameters().contains(parameter) && !atDefault) {
                throw ApiException.of(ApiError.SAMPLING_DEPRECATED, parameter);
            }
        }
        JsonNode temperature = body.path("temperature");
        JsonNode topP = body.path("top_p");
        if (temperature.isNumber() && topP.isNumber() && !model.temperatureWithTopP()) {
            throw ApiException.of(ApiError.TEMPERATURE_AND_TOP_P);
        }
        if (request.thinkingEnabled()) {
            if (temperature.isNumber() && temperature.asDouble() != 1.0) {
                throw ApiException.of(ApiError.TEMPERATURE_WITH_THINKING);
            }
            if (topP.isNumber() && topP.asDouble() < MIN_TOP_P_WITH_THINKING) {
                throw ApiException.of(ApiError.TOP_P_WITH_THINKING);
            }
        }
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
