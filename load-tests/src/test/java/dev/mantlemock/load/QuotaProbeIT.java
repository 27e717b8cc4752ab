package dev.mantlemock.load;

import static dev.mantlemock.load.GatlingRun.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe for real, against a mock on 127.0.0.1, given only the quota and the request shape: it
 * chooses the mock's window, brackets the edge, refines it and stops by itself (a budget of 60 s of
 * steps bounds it). The 2% promise over every shape is {@link EdgeFindingTest}'s, on a virtual clock;
 * here, on a shared machine, the figure must come from 429s and land near the quota.
 */
class QuotaProbeIT {
    private static final String SIMULATION = "QuotaProbe";

    @Test
    void givenOnlyTheQuotaAndTheShapeTheProbeFindsTheEdgeByItself() {
        try (GatlingRun run = new GatlingRun()
                .set("load.quotaTpm", "2000000")
                .set("load.inputTokens", "1000")
                .set("load.maxTokens", "200")
                .set("load.probeBudgetSeconds", "60")
                .set("load.maxRequests", "10000")) {
            run.run(SIMULATION);
            RunSummary summary = run.summary(SIMULATION);

            assertThat(summary.quotaAssertionsHeld()).as(summary.toTable()).isTrue();
            assertThat(check(summary, "the edge was bracketed to 1% of the quota").held()).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> edge = (Map<String, Object>) summary.result().get("edge");
            assertThat((String) edge.get("reason")).as(summary.toTable()).startsWith("429s");
            double implied = ((Number) edge.get("impliedQuotaTpm")).doubleValue();
            assertThat(implied / 2_000_000 - 1).as(summary.toTable()).isBetween(-0.05, 0.05);
            // Steps are the measured part only, and fewer than the budget allows: it stopped by itself.
            assertThat(summary.phases()).allMatch(p -> p.phase().startsWith("step ") && !p.phase().contains("settling"));
            @SuppressWarnings("unchecked")
            Map<String, Object> arithmetic = (Map<String, Object>) summary.plan().get("arithmetic");
            double step = ((Number) arithmetic.get("settleSeconds")).doubleValue() + ((Number) arithmetic.get("measureSeconds")).doubleValue();
            assertThat(summary.phases().size()).isLessThan((int) Math.floor(60 / step));
        }
    }
}
