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
    void withoutThinkingTheModelsDefaultDecidesAndNoModelThinksByDefaultYet() {
        assertThat(MODEL.capabilities().thinkingOnByDefault()).isFalse();
        assertThat(ThinkingDecision.on(with(null), MODEL)).isFalse();
    }

    @Test
    void displayIsTheRequestsElseTheModelsDefault() {
        ModelSpec omitting = new ModelSpec("m", 1000, 1000, 1.0, new ModelCapabilities(ModelCapabilities.PERMISSIVE.thinkingModes(),
                "omitted", ModelCapabilities.EFFORT_LEVELS, ModelCapabilities.PERMISSIVE.samplingParameters(), true, true, true, true, 1024, 4));
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\"}"), omitting)).isTrue();
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\",\"display\":\"summarized\"}"), omitting)).isFalse();
        assertThat(ThinkingDecision.omitted(with("{\"type\":\"adaptive\"}"), MODEL)).isFalse();
    }
}
