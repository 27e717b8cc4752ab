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
 * Every model of models.yaml × every capability (thinking types and the effort each allows, effort, sampling
 * values, forced tool_choice, mid-conversation system messages, prefill, structured outputs, cache
 * breakpoints, max_tokens): the request is accepted, or refused with 400
 * invalid_request_error and the exact first-party message. The expectation is worked out here from the
 * row as the YAML states it, so a new model (or a changed value) is covered without touching this test.
 */
class ModelCapabilityMatrixTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.offMantleModels = "serve");

    /** One capability: how to change a plain request to use it, and what the row says should happen (null: accepted). */
    record Probe(String name, Consumer<ObjectNode> change, Function<ModelEntry, String> refusal, String apiVersion) {
        Probe(String name, Consumer<ObjectNode> change, Function<ModelEntry, String> refusal) {
            this(name, change, refusal, "2023-06-01");
        }
    }

    /** The version the SDKs send today: the one under which messages may hold role "system". */
    private static final String CURRENT_VERSION = "2026-10-21";

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
        HttpResponse<String> r = mock.post("/v1/messages", body.toString(), "content-type", "application/json",
                "anthropic-version", probe.apiVersion(), "authorization", "Bearer " + RunningMock.API_KEY);
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
            probes.add(new Probe("thinking " + mode, b -> thinking(b, mode), e -> thinkingRefusal(e, mode, null)));
            if (!mode.equals("enabled")) {
                probes.add(new Probe("thinking " + mode + " with effort max", b -> thinking(b, mode).putObject("output_config")
                        .put("effort", "max"), e -> thinkingRefusal(e, mode, "max")));
            }
        }
        for (String level : ModelCapabilities.EFFORT_LEVELS) {
            probes.add(new Probe("effort " + level, b -> b.putObject("output_config").put("effort", level),
                    e -> thinkingRefusal(e, null, level)));
        }
        probes.add(new Probe("temperature 0.5", b -> b.put("temperature", 0.5), e -> sampling(e, 0.5, null)));
        probes.add(new Probe("temperature 1 (its default)", b -> b.put("temperature", 1.0), e -> sampling(e, 1.0, null)));
        probes.add(new Probe("top_p 0.9", b -> b.put("top_p", 0.9), e -> sampling(e, null, 0.9)));
        probes.add(new Probe("top_p 0.99", b -> b.put("top_p", 0.99), e -> sampling(e, null, 0.99)));
        probes.add(new Probe("top_k 5", b -> b.put("top_k", 5), e -> deprecated(e, "top_k", 5)));
        probes.add(new Probe("temperature with top_p", b -> b.put("temperature", 0.5).put("top_p", 0.9), e -> sampling(e, 0.5, 0.9)));
        probes.add(new Probe("temperature 1 with top_p 0.99", b -> b.put("temperature", 1.0).put("top_p", 0.99),
                e -> sampling(e, 1.0, 0.99)));
        String thinkingOn = m.thinking.contains("adaptive") ? "adaptive" : m.thinking.contains("enabled") ? "enabled" : null;
        if (thinkingOn != null) {
            probes.add(new Probe("temperature 0.5 with " + thinkingOn + " thinking", b -> thinking(b.put("temperature", 0.5), thinkingOn),
                    e -> deprecated(e, "temperature", 0.5) != null ? deprecated(e, "temperature", 0.5)
                            : "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"));
            probes.add(new Probe("top_p 0.5 with " + thinkingOn + " thinking", b -> thinking(b.put("top_p", 0.5), thinkingOn),
                    e -> deprecated(e, "top_p", 0.5) != null ? deprecated(e, "top_p", 0.5)
                            : "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled"));
        }
        for (String choice : List.of("any", "tool")) {
            probes.add(new Probe("tool_choice " + choice, b -> forcedTool(b, choice),
                    e -> e.forcedToolChoice ? null : "tool_choice: type \"tool\" and \"any\" are not supported for this model."));
        }
        probes.add(new Probe("tool_choice auto", b -> forcedTool(b, "auto"), e -> null));
        probes.add(new Probe("a system message after the first user turn", ModelCapabilityMatrixTest::systemMessage,
                e -> e.systemMessages ? null : "messages.1: role 'system' is not supported on this model", CURRENT_VERSION));
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

    /**
     * What a thinking type (null: left out) with an effort (null: left out) meets, in the order the rules run: the
     * type, the effort level, then the effort cap of the type the request means (the model's default when left out).
     */
    private static String thinkingRefusal(ModelEntry e, String mode, String effort) {
        if (mode != null && !e.thinking.contains(mode)) {
            return mode.equals("adaptive") ? "adaptive thinking is not supported on this model"
                    : "\"thinking.type." + mode + "\" is not supported for this model. Use \"thinking.type.adaptive\" "
                            + "and \"output_config.effort\" to control thinking behavior.";
        }
        if (effort != null && e.effort.isEmpty()) {
            return "This model does not support the effort parameter";
        }
        if (effort != null && !e.effort.contains(effort)) {
            return "output_config.effort: Input should be " + choices(e.effort);
        }
        String type = mode != null ? mode : e.thinkingOnByDefault ? "adaptive" : "disabled";
        String meant = effort != null ? effort : e.defaultEffort;
        String cap = type.equals("disabled") ? e.disabledMaxEffort : type.equals("between_tools") ? e.betweenToolsMaxEffort : "any";
        if (cap.equals("any") || meant.equals("none") || LEVELS.indexOf(meant) <= LEVELS.indexOf(cap)) {
            return null;
        }
        return type.equals("disabled")
                ? "output_config.effort '" + meant + "' is not supported when thinking is disabled on this model. Use effort '"
                        + cap + "' or below, or enable thinking."
                : "output_config.effort '" + meant + "' is not supported with thinking type 'between_tools' on this model. "
                        + "Use effort '" + cap + "' or below, or use adaptive thinking.";
    }

    private static final List<String> LEVELS = ModelCapabilities.EFFORT_LEVELS;

    /** temperature and top_p (null: not sent) as the row takes them, with the model's default thinking. */
    private static String sampling(ModelEntry e, Double temperature, Double topP) {
        if (temperature != null && deprecated(e, "temperature", temperature) != null) {
            return deprecated(e, "temperature", temperature);
        }
        if (topP != null && deprecated(e, "top_p", topP) != null) {
            return deprecated(e, "top_p", topP);
        }
        if (temperature != null && topP != null && !e.temperatureWithTopP) {
            return "`temperature` and `top_p` cannot both be specified for this model. Please use only one.";
        }
        if (e.thinkingOnByDefault && temperature != null && temperature != 1.0) {
            return "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode";
        }
        if (e.thinkingOnByDefault && topP != null && topP < 0.95) {
            return "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled";
        }
        return null;
    }

    /** A parameter the row does not free is refused, but temperature 1 and top_p in top-p-accepted. */
    private static String deprecated(ModelEntry e, String parameter, double value) {
        boolean accepted = e.sampling.contains(parameter)
                || parameter.equals("temperature") && value == 1.0
                || parameter.equals("top_p") && topPAccepted(e.topPAccepted, value);
        return accepted ? null : "`" + parameter + "` is deprecated for this model.";
    }

    private static boolean topPAccepted(String range, double value) {
        if (range.equals("none")) {
            return false;
        }
        String[] bounds = range.split("\\.\\.");
        double low = Double.parseDouble(bounds[0]);
        return bounds.length == 1 ? value == low : value >= low && value < Double.parseDouble(bounds[1]);
    }

    private static void forcedTool(ObjectNode body, String choice) {
        body.set("tools", TestRequests.node("[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}]"));
        ObjectNode toolChoice = body.putObject("tool_choice").put("type", choice);
        if (choice.equals("tool")) {
            toolChoice.put("name", "t");
        }
    }

    private static void systemMessage(ObjectNode body) {
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "system").put("content", "Answer in French from now on.");
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
