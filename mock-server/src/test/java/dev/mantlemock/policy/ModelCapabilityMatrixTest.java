package dev.mantlemock.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ModelCapabilities;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of models.yaml × every capability: the request is accepted, or refused with 400
 * invalid_request_error and the exact first-party message. The expectation is worked out here from the
 * row as the YAML states it, so a new model (or a changed value) is covered without touching this test.
 */
class ModelCapabilityMatrixTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.offMantleModels = "serve");

    /** One capability: how to change a plain request to use it, and what the row says should happen (null: accepted). */
    record Probe(String name, Consumer<ObjectNode> change, Function<ModelEntry, String> refusal) {}

    static Stream<Arguments> everyModelAndCapability() {
        List<Arguments> cases = new ArrayList<>();
        for (ModelEntry model : ModelCatalogue.entries()) {
            for (Probe probe : probes(model)) {
                cases.add(Arguments.of(model.id, probe.name(), model, probe));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyModelAndCapability")
    void eachModelAcceptsOrRefusesEachCapabilityAsItsRowSays(String id, String capability, ModelEntry model, Probe probe) {
        ObjectNode body = (ObjectNode) TestRequests.node("{\"max_tokens\":2048,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        body.put("model", id);
        probe.change().accept(body);
        HttpResponse<String> r = mock.postMessages(body.toString());
        String refusal = probe.refusal().apply(model);
        if (refusal == null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } else {
            JsonNode error = TestRequests.node(r.body()).path("error");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).isEqualTo(refusal);
        }
    }

    private static List<Probe> probes(ModelEntry m) {
        List<Probe> probes = new ArrayList<>();
        for (String mode : ModelCapabilities.THINKING_MODES) {
            probes.add(new Probe("thinking " + mode, b -> thinking(b, mode), e -> e.thinking.contains(mode) ? null
                    : mode.equals("adaptive") ? "adaptive thinking is not supported on this model"
                    : "\"thinking.type." + mode + "\" is not supported for this model. Use \"thinking.type.adaptive\" "
                            + "and \"output_config.effort\" to control thinking behavior."));
        }
        for (String level : ModelCapabilities.EFFORT_LEVELS) {
            probes.add(new Probe("effort " + level, b -> b.putObject("output_config").put("effort", level),
                    e -> e.effort.isEmpty() ? "This model does not support the effort parameter"
                            : e.effort.contains(level) ? null : "output_config.effort: Input should be " + choices(e.effort)));
        }
        probes.add(new Probe("temperature 0.5", b -> b.put("temperature", 0.5), e -> deprecated(e, "temperature")));
        probes.add(new Probe("temperature 1 (its default)", b -> b.put("temperature", 1.0), e -> null));
        probes.add(new Probe("top_p 0.9", b -> b.put("top_p", 0.9), e -> deprecated(e, "top_p")));
        probes.add(new Probe("top_k 5", b -> b.put("top_k", 5), e -> deprecated(e, "top_k")));
        probes.add(new Probe("temperature with top_p", b -> b.put("temperature", 0.5).put("top_p", 0.9), e ->
                deprecated(e, "temperature") != null ? deprecated(e, "temperature")
                : deprecated(e, "top_p") != null ? deprecated(e, "top_p")
                : e.temperatureWithTopP ? null
                : "`temperature` and `top_p` cannot both be specified for this model. Please use only one."));
        String thinkingOn = m.thinking.contains("adaptive") ? "adaptive" : m.thinking.contains("enabled") ? "enabled" : null;
        if (thinkingOn != null) {
            probes.add(new Probe("temperature 0.5 with " + thinkingOn + " thinking", b -> thinking(b.put("temperature", 0.5), thinkingOn),
                    e -> deprecated(e, "temperature") != null ? deprecated(e, "temperature")
                            : "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"));
            probes.add(new Probe("top_p 0.5 with " + thinkingOn + " thinking", b -> thinking(b.put("top_p", 0.5), thinkingOn),
                    e -> deprecated(e, "top_p") != null ? deprecated(e, "top_p")
                            : "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled"));
        }
        probes.add(new Probe("assistant prefill", b -> ((ArrayNode) b.get("messages")).addObject()
                .put("role", "assistant").put("content", "Well,"), e -> e.prefill ? null
                : "This model does not support assistant message prefill. The conversation must end with a user message."));
        probes.add(new Probe("structured outputs", b -> b.set("output_config", TestRequests.node(
                "{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}}}")),
                e -> e.structuredOutputs ? null : "output_config.format: Extra inputs are not permitted"));
        probes.add(new Probe("tool strict", b -> b.set("tools", TestRequests.node(
                "[{\"name\":\"t\",\"strict\":true,\"input_schema\":{\"type\":\"object\"}}]")),
                e -> e.strictTools ? null : "tools.0.custom.strict: Extra inputs are not permitted"));
        probes.add(new Probe("one cache breakpoint more than allowed", b -> breakpoints(b, m.maxCacheBreakpoints + 1),
                e -> "A maximum of " + e.maxCacheBreakpoints + " blocks with cache_control may be provided. Found "
                        + (e.maxCacheBreakpoints + 1) + "."));
        probes.add(new Probe("as many cache breakpoints as allowed", b -> breakpoints(b, m.maxCacheBreakpoints), e -> null));
        probes.add(new Probe("max_tokens one above the maximum", b -> b.put("max_tokens", m.maxOutputTokens + 1),
                e -> "max_tokens: " + (e.maxOutputTokens + 1) + " > " + e.maxOutputTokens
                        + ", which is the maximum allowed number of output tokens for " + e.id));
        return probes;
    }

    private static String deprecated(ModelEntry e, String parameter) {
        return e.sampling.contains(parameter) ? null : "`" + parameter + "` is deprecated for this model.";
    }

    private static ObjectNode thinking(ObjectNode body, String mode) {
        ObjectNode thinking = body.putObject("thinking").put("type", mode);
        if (mode.equals("enabled")) {
            thinking.put("budget_tokens", 1024);
        }
        return body;
    }

    private static void breakpoints(ObjectNode body, int count) {
        ArrayNode system = body.putArray("system");
        for (int i = 0; i < count; i++) {
            system.addObject().put("type", "text").put("text", "Rule " + i).putObject("cache_control").put("type", "ephemeral");
        }
    }

    private static String choices(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : i == values.size() - 1 ? " or " : ", ").append('\'').append(values.get(i)).append('\'');
        }
        return s.toString();
    }
}
