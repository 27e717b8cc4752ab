package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStepsTest {
    private static PhaseStats step(String name, int requests, int throttled) {
        List<Outcome> o = new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            o.add(new Outcome(name, 0, i < throttled ? 429 : 200, 1000, 200, 200, 1, -1));
        }
        return PhaseStats.of(name, o, 60);
    }

    @Test
    void stepsRunFromStartToEndInclusive() {
        ProbeSteps steps = ProbeSteps.between(1_600_000, 2_400_000, 50_000);
        assertThat(steps.count()).isEqualTo(17);
        assertThat(steps.offeredTpm(0)).isEqualTo(1_600_000);
        assertThat(steps.offeredTpm(16)).isEqualTo(2_400_000);
        assertThat(steps.name(7)).isEqualTo("step 07");
    }

    @Test
    void theAnswerIsTheLastCleanStepBeforeThrottlingStarts() {
        List<PhaseStats> ran = List.of(step("step 00", 200, 0), step("step 01", 200, 1), step("step 02", 200, 2),
                step("step 03", 200, 0), step("step 04", 200, 30));
        // 1 in 200 (0.5%) is under 1%; 2 in 200 (1.0%) is not; the lucky step 03 after it does not count.
        assertThat(ProbeSteps.highestSustained(ran, 0.01).phase()).isEqualTo("step 01");
        assertThat(ProbeSteps.highestSustained(List.of(step("step 00", 100, 5)), 0.01)).isNull();
    }
}
