package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    private static Outcome ok(String phase, long in, long out, long latency, long ttft) {
        return new Outcome(phase, 0, 200, in, out, 200, latency, ttft);
    }

    private static Outcome throttled(String phase) {
        return new Outcome(phase, 0, 429, 0, 0, 200, 2, -1);
    }

    @Test
    void ratesArePerMinuteOfThePhaseAndCountAnsweredTokensOnly() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            outcomes.add(ok("p", 1000, 100, i * 10, -1));
        }
        outcomes.add(throttled("p"));

        PhaseStats s = PhaseStats.of("p", outcomes, 30);

        assertThat(s.requests()).isEqualTo(10);
        assertThat(s.throttled()).isEqualTo(1);
        assertThat(s.throttledShare()).isCloseTo(0.1, within(1e-12));
        assertThat(s.requestsPerMinute()).isCloseTo(20, within(1e-9));
        assertThat(s.inputTpm()).isCloseTo(18_000, within(1e-9));      // 9 x 1,000 per 30 s
        assertThat(s.outputTpm()).isCloseTo(1_800, within(1e-9));
        assertThat(s.quotaTpm()).isCloseTo(19_800, within(1e-9));
        assertThat(s.admissionChargePerRequest()).isCloseTo(1_200, within(1e-9));
        assertThat(s.settledChargePerRequest()).isCloseTo(1_100, within(1e-9));
        // Nearest rank over the 9 answered: the 429's 2 ms does not flatter the percentiles.
        assertThat(s.latencyP50Ms()).isEqualTo(50);
        assertThat(s.latencyP95Ms()).isEqualTo(90);
        assertThat(s.ttftP50Ms()).isEqualTo(-1);
    }

    @Test
    void ttftAndOutputSpeedComeFromStreamedAnswers() {
        PhaseStats s = PhaseStats.of("s", List.of(ok("s", 10, 61, 1600, 600), ok("s", 10, 61, 2100, 1100), ok("s", 10, 61, 1000, 500)), 10);
        assertThat(s.ttftP50Ms()).isEqualTo(600);
        assertThat(s.ttftP99Ms()).isEqualTo(1100);
        // 60 tokens after the first in 1,000 ms, 1,000 ms and 500 ms.
        assertThat(s.outputTokensPerSecondP50()).isEqualTo(60);
    }

    @Test
    void percentilesUseNearestRank() {
        Percentiles p = new Percentiles(new long[] {5, 1, 4, 2, 3});
        assertThat(p.at(50)).isEqualTo(3);
        assertThat(p.at(99)).isEqualTo(5);
        assertThat(p.at(0)).isEqualTo(1);
        assertThat(new Percentiles(new long[0]).at(50)).isEqualTo(-1);
    }

    @Test
    void checksHoldOrFailOnTheirThresholds() {
        PhaseStats clean = PhaseStats.of("below", List.of(ok("below", 1, 1, 1, -1)), 1);
        PhaseStats third = PhaseStats.of("above", List.of(ok("above", 1, 1, 1, -1), ok("above", 1, 1, 1, -1), throttled("above")), 1);

        assertThat(QuotaChecks.fewThrottled(clean, 0.01).held()).isTrue();
        assertThat(QuotaChecks.fewThrottled(third, 0.01).held()).isFalse();
        assertThat(QuotaChecks.throttledNearExcess(third, 1 / 3.0, 0.05).held()).isTrue();
        assertThat(QuotaChecks.throttledNearExcess(third, 0.25, 0.05).held()).isFalse();
        assertThat(QuotaChecks.throttledNearExcess(clean, 1 / 3.0, 0.05).held()).isFalse();
        Check control = QuotaChecks.fewThrottledControl(third, 0.01);
        assertThat(control.held()).isFalse();
        assertThat(control.asExpected()).isTrue();
        assertThat(QuotaChecks.fewThrottledControl(clean, 0.01).asExpected()).isFalse();
    }

    @Test
    void theVerdictNeedsEveryCheckAsExpectedAndSurvivesJson(@TempDir Path dir) {
        PhaseStats p = PhaseStats.of("below", List.of(ok("below", 1000, 100, 10, 5)), 6);
        RunSummary held = RunSummary.of("X", "mock", Map.of("k", 1), List.of(p), p,
                List.of(Check.of("a", true, "")), Map.of("r", "v"));
        RunSummary broken = RunSummary.of("X", "mock", Map.of(), List.of(p), p,
                List.of(Check.of("a", true, ""), new Check("c", true, "", true)), Map.of());

        assertThat(held.quotaAssertionsHeld()).isTrue();
        assertThat(broken.quotaAssertionsHeld()).isFalse();
        RunSummary back = RunSummary.readJson(held.writeJson(dir.resolve("s.json")));
        assertThat(back).isEqualTo(held);
        assertThat(held.toTable()).contains("input TPM (prompt)", "10,000", "quota assertions held: yes");
    }

    @Test
    void aControlRunThatFailsAsExpectedPrintsNoLineSayingFailed() {
        PhaseStats p = PhaseStats.of("above", List.of(ok("above", 1000, 100, 10, 5)), 6);
        RunSummary broken = RunSummary.of("X", "mock", Map.of(), List.of(p), p,
                List.of(Check.of("throttled share", false, "0.0%"), new Check("few 429s", true, "0.0%", true)), Map.of());

        assertThat(broken.toTable()).contains("[FAILED] throttled share", "quota assertions held: NO");
        String control = broken.toTable(true);
        assertThat(control).doesNotContain("FAILED").doesNotContain("NO\n")
                .contains("CONTROL RUN", "[not held, as this control run expects] throttled share",
                        "quota assertions held: no, as this control run expects");
    }
}
