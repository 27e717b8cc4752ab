package dev.mantlemock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.TestRequests;
import org.junit.jupiter.api.Test;

/** Whether the model thinks is decided in one place: the request's thinking, else the model's default. */
class ThinkingDecisionTest {
    private static final ModelSpec MODEL = TestRequests.SONNET;

    private static MessageRequest with(String thinking) {
        return TestRequests.request("{\"model\":\"m\",\"max_tokens\":2048," + (thinking == null ? "" : "\"thinking\":" + thinking + ",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    @Test
    void enabledAndAdaptiveThinkDisabledDoesNot() {
        assertThat(ThinkingDecision.on(with("{\"type\":\"enabled\",\"budget_tokens\":1024}"), MODEL)).isTrue();
        assertThat(ThinkingDecision.on(with("{\"type\":\"adaptive\"}"), MODEL)).isTrue();
        assertThat(ThinkingDecision.on(with("{\"type\":\"disabled\"}"), MODEL)).isFalse();
    }

    @Test
    void withoutThinkingTheModelsDefaultDecides() {
        assertThat(ThinkingDecision.on(with(null), model(false, "summarized"))).isFalse();
        assertThat(ThinkingDecision.on(with(null), model(true, "summarized"))).isTrue();
        assertThat(ThinkingDecision.on(with("{\"type\":\"disabled\"}"), model(true, "summarized"))).isFalse();
    }

    @Test
    void betweenToolsThinks() {
        assertThat(ThinkingDecision.on(with("{\"type\":\"between_tools\"}"), model(false, "summarized"))).isTrue();
    }

    @Test
    void displayIsTheRequestsElseTheModelsDefault() {
        ModelSpec omitting = model(false, "omitted");
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\"}"), omitting)).isTrue();
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\",\"display\":\"summarized\"}"), omitting)).isFalse();
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\"}"), model(false, "summarized"))).isFalse();
    }

    /** A permissive model but for its thinking default and display. */
    private static ModelSpec model(boolean thinksByDefault, String display) {
        ModelCapabilities p = ModelCapabilities.PERMISSIVE;
        return new ModelSpec("m", 1000, 1000, 1.0, new ModelCapabilities(p.thinkingModes(), thinksByDefault, display,
                p.effortCaps(), p.effortLevels(), p.defaultEffort(), p.samplingParameters(), p.topPAccepted(),
                p.temperatureWithTopP(), p.prefill(), p.structuredOutputs(), p.strictTools(), p.forcedToolChoice(),
                p.minimumCacheableTokens(), p.maxCacheBreakpoints(), p.systemMessages(), p.preservedThinking()));
    }
}
