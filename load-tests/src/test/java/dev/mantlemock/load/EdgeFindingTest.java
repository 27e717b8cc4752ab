package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The probe's whole search against a model of the mock's quota on a virtual clock: every request
 * shape of the range, every window, in milliseconds instead of hours. Only the quota and the
 * shape are given, as a user would.
 */
class EdgeFindingTest {
    static final long QUOTA = 2_000_000;
    static final long OUTPUT_QUOTA = 500_000;
    /** The mock's generator answers this long when max_tokens allows (the issue measured 72). */
    static final long ANSWER = 72;

    record Found(RequestShape shape, double window, EdgeProbe probe, EdgeProbe.Edge edge, List<PhaseStats> steps) {
        double error() {
            return edge.impliedQuotaTpm() / QUOTA - 1;
        }

        String describe() {
            return String.format(Locale.ROOT, "in %d max %d out %d stream %.1f window %.0f s: sustained %,.0f, implied %,.0f (%+.2f%%) +-%,.0f in %d steps, %s",
                    shape.inputTokens(), shape.maxTokens(), shape.expectedOutputTokens(), shape.streamingShare(), window,
                    edge.sustainedQuotaTpm(), edge.impliedQuotaTpm(), error() * 100, edge.uncertaintyTpm(), steps.size(), edge.outcome());
        }
    }

    static Found probe(long input, long maxTokens, double streaming, double window, long plainMs, long streamMs, long maxQueueWaitMs) {
        RequestShape shape = new RequestShape(input, maxTokens, Math.min(maxTokens, ANSWER), streaming);
        QuotaPlan plan = new QuotaPlan(QUOTA, shape);
        double latency = (streaming * streamMs + (1 - streaming) * plainMs) / 1000.0;
        long baselineP95 = streaming > 0.05 ? streamMs : plainMs;
        EdgeProbe probe = new EdgeProbe(plan, window, latency, OUTPUT_QUOTA, baselineP95, 0.01, 0, 3600);
        QuotaModel model = new QuotaModel(QUOTA, OUTPUT_QUOTA, window, shape, plainMs, streamMs, maxQueueWaitMs, 1_000,
                probe.settleSeconds(), probe.measureSeconds());
        List<PhaseStats> decided = probe.run(model);
        model.drain();
        List<PhaseStats> steps = new ArrayList<>();
        for (PhaseStats s : decided) {
            steps.add(PhaseStats.of(s.phase(), model.outcomes(s.phase()), probe.measureSeconds()));
        }
        return new Found(shape, window, probe, probe.edge(steps), steps);
    }

    static final long[] INPUTS = {200, 1_000, 2_500, 20_000};
    static final long[] MAX_TOKENS = {16, 600, 8_000};
    static final double[] STREAMING = {0, 0.5, 1};
    static final double[] WINDOWS = {2, 6, 20, 60};

    @Test
    void theProbeLandsWithinTwoPercentOfTheQuotaForEveryShapeAndWindowThatCanTellIt() {
        List<String> misses = new ArrayList<>();
        int judged = 0;
        int flagged = 0;
        for (long input : INPUTS) {
            for (long maxTokens : MAX_TOKENS) {
                for (double streaming : STREAMING) {
                    for (double window : WINDOWS) {
                        Found f = probe(input, maxTokens, streaming, window, 20, 150, 0);
                        if (!f.edge().warnings().isEmpty()) {
                            // Too few requests per window, or the output quota first: the probe says so instead of a 2% figure.
                            flagged++;
                            continue;
                        }
                        judged++;
                        if (!(Math.abs(f.error()) <= 0.02) || !f.edge().resolved() || !f.edge().reason().startsWith("429")) {
                            misses.add(f.describe());
                        }
                    }
                }
            }
        }
        assertThat(misses).as("of %d cells judged (%d flagged)", judged, flagged).isEmpty();
        assertThat(judged).as("cells judged").isGreaterThanOrEqualTo(80);
    }

    @Test
    void withTheWindowItChoosesTheProbeLandsWithinTwoPercentForEveryShape() {
        List<String> misses = new ArrayList<>();
        for (long input : INPUTS) {
            for (long maxTokens : MAX_TOKENS) {
                for (double streaming : STREAMING) {
                    QuotaPlan plan = new QuotaPlan(QUOTA, new RequestShape(input, maxTokens, Math.min(maxTokens, ANSWER), streaming));
                    Found f = probe(input, maxTokens, streaming, plan.shortestAccurateWindowSeconds(), 20, 150, 0);
                    if (f.edge().warnings().stream().anyMatch(w -> w.contains("output quota") || w.contains("in flight"))) {
                        continue; // said, not hidden: see the grid test
                    }
                    if (!(Math.abs(f.error()) <= 0.02) || !f.edge().warnings().isEmpty()) {
                        misses.add(f.describe());
                    }
                }
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void answersInFlightForSecondsStillLandWithinTwoPercent() {
        // Realistic pacing: plain answers in 2 s, streams in 4 s, each holding its whole max_tokens meanwhile.
        for (long maxTokens : new long[] {600, 8_000}) {
            Found f = probe(2_500, maxTokens, 0.5, 60, 2_000, 4_000, 0);
            assertThat(f.error()).as(f.describe()).isBetween(-0.02, 0.02);
        }
    }

    @Test
    void theProbeWarmsUpBelowThePredictedEdgeBeforeItsFirstStepAndJudgesNothingOfIt() {
        RequestShape shape = new RequestShape(1_000, 200, ANSWER, 0.2);
        EdgeProbe probe = new EdgeProbe(new QuotaPlan(QUOTA, shape), 2, 0.05, OUTPUT_QUOTA, 50, 0.01, 0, 3600);
        QuotaModel model = new QuotaModel(QUOTA, OUTPUT_QUOTA, 2, shape, 20, 150, 0, 1_000, probe.settleSeconds(), probe.measureSeconds());
        List<String> calls = new ArrayList<>();
        List<PhaseStats> steps = probe.run(new EdgeProbe.StepRunner() {
            @Override
            public EdgeProbe.StepResult run(String name, double ratePerSecond) {
                calls.add(name);
                return model.run(name, ratePerSecond);
            }

            @Override
            public void warmUp(double ratePerSecond, double seconds) {
                calls.add(String.format(Locale.ROOT, "warm-up at %.2f of the prediction for %.0f s", ratePerSecond / probe.predictedRate(), seconds));
            }
        });
        assertThat(calls.get(0)).isEqualTo("warm-up at 0.80 of the prediction for 10 s");
        assertThat(calls.subList(1, calls.size())).allMatch(c -> c.startsWith("step ")).hasSize(steps.size());
        assertThat(probe.search().steps()).hasSize(steps.size());
    }

    @Test
    void aWindowTooShortForTheShapeIsSaidAndTheBetterWindowNamed() {
        Found f = probe(20_000, 8_000, 0, 2, 20, 150, 0);
        assertThat(f.edge().warnings()).singleElement().asString()
                .contains("a 2 s window holds only 2 requests").contains("a window of 34 s or more");
    }

    @Test
    void aQueueingEndpointShowsItsEdgeAsALatencyKneeWithoutA429() {
        Found f = probe(2_500, 600, 0.2, 6, 20, 150, 10_000);
        assertThat(f.edge().reason()).contains("latency knee");
        assertThat(f.error()).as(f.describe()).isBetween(-0.05, 0.05);
    }
}
