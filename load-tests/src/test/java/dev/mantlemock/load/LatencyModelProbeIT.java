package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The probe against a mock with its latency model on: the time to first token it reports grows with the
 * prompt's size as the table says. One short step per size. Only what a timer guarantees is asserted
 * with its full size (a first token never comes before its prefill time); the difference between the
 * sizes is asked to show at half the configured size, so a busy machine cannot fail it.
 */
class LatencyModelProbeIT {
    /** Prefill per 1,000 input tokens in the table below: 4,000 tokens wait 1.6 s more than none. */
    static final double PREFILL_MS_PER_1K = 400;

    @Test
    void theProbeReportsATimeToFirstTokenThatGrowsWithTheInputAsConfigured() throws IOException {
        Path table = Path.of(System.getProperty("load.summaryDir", "target/load-summary")).resolve("latency-table.yaml");
        Files.createDirectories(table.getParent());
        Files.writeString(table, """
                defaults:
                  overhead-ms: 100
                  prefill-ms-per-1k-input-tokens: %s
                  tokens-per-second: 2000
                  capacity: 1000
                  slowdown-at-capacity: 2
                  source: LatencyModelProbeIT
                families: []
                """.formatted(PREFILL_MS_PER_1K));
        PhaseStats small = probe(table, 500);
        PhaseStats large = probe(table, 4000);

        assertThat(small.ttftP50Ms()).as("TTFT measured on streamed answers").isPositive();
        assertThat(large.ttftP50Ms()).as("at least the configured overhead and prefill")
                .isGreaterThanOrEqualTo(Math.round(100 + PREFILL_MS_PER_1K * 3.9));
        assertThat(large.ttftP50Ms() - small.ttftP50Ms()).as("small %d ms, large %d ms", small.ttftP50Ms(), large.ttftP50Ms())
                .isGreaterThanOrEqualTo(Math.round(PREFILL_MS_PER_1K * 3.5 / 2));
    }

    private static PhaseStats probe(Path table, long inputTokens) {
        try (GatlingRun run = new GatlingRun(GatlingRun.SUMMARIES.resolveSibling("latency-" + inputTokens))
                .set("load.mockLatencyModel", "on")
                .set("load.mockLatencyTable", table.toString())
                .set("load.quotaTpm", "2000000")
                .set("load.inputTokens", Long.toString(inputTokens))
                .set("load.maxTokens", "100")
                .set("load.streamingShare", "1")
                .set("load.window", "2")
                .set("load.stepSeconds", "6")
                .set("load.probeBudgetSeconds", "6")
                .set("load.maxRequests", "2000")) {
            run.run("QuotaProbe");
            RunSummary summary = run.summary("QuotaProbe");
            assertThat(summary.overall().answered()).as(summary.toTable()).isPositive();
            return summary.overall();
        }
    }
}
