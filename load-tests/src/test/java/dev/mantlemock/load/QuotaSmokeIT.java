package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CI's load smoke run (part of {@code mvn -B verify}): QuotaConformance against a mock with a 2 s
 * quota window, 4 s below and 4 s above the quota, run programmatically so the test can look at the
 * verdicts, including the ones that must fail. About 30 s for both runs on 2 cores.
 */
class QuotaSmokeIT {
    private static final Path SUMMARIES = Path.of(System.getProperty("load.summaryDir", "target/load-summary"), "smoke");
    private final GatlingRuns runs = new GatlingRuns();

    /** Quotas as Mantle's, window compressed: each phase spans two windows, in four seconds. */
    private void smokeSettings() {
        set("load.window", "2");
        set("load.durationSeconds", "4");
        set("load.quotaTpm", "2000000");
        set("load.summaryDir", SUMMARIES.toString());
        // A hard ceiling well above the ~260 requests the plan sends.
        set("load.maxRequests", "1000");
    }

    @Test
    void underTheQuotaNothingIsThrottledAndOverItTheExcessIs() {
        smokeSettings();

        int status = runGatling("dev.mantlemock.load.sim.QuotaConformance");
        RunSummary summary = RunSummary.readJson(SUMMARIES.resolve("QuotaConformance-latest.json"));

        assertThat(status).as("Gatling's own assertions (exit status)\n" + summary.toTable()).isZero();
        assertThat(summary.quotaAssertionsHeld()).as(summary.toTable()).isTrue();
        assertThat(check(summary, "below quota: fewer than").held()).isTrue();
        assertThat(check(summary, "above quota: throttled share").held()).isTrue();
        // Teeth: the "almost no 429s" assertion that held below the quota fails above it.
        Check control = check(summary, "above quota: fewer than");
        assertThat(control.control()).isTrue();
        assertThat(control.held()).as("the no-429 assertion must fail over the quota: " + control.observed()).isFalse();
        assertThat(summary.phases().get(0).inputTpm()).isPositive();
    }

    @Test
    void aQuotaHigherThanPlannedIsCaughtByTheThrottledShareAssertion() {
        smokeSettings();
        // The plan assumes 2M TPM; the mock allows 4M, so the "above" phase is not over its quota.
        set("load.mockQuotaTpm", "4000000");
        set("load.expectFailure", "true"); // so its summary does not print FAILED in a passing build

        int status = runGatling("dev.mantlemock.load.sim.QuotaConformance");
        RunSummary summary = RunSummary.readJson(SUMMARIES.resolve("QuotaConformance-latest.json"));

        assertThat(status).as("Gatling must report the failed throttled-share assertion").isNotZero();
        assertThat(summary.quotaAssertionsHeld()).isFalse();
        assertThat(check(summary, "above quota: throttled share").held()).as(summary.toTable()).isFalse();
        assertThat(summary.phases().get(1).throttled()).isZero();
    }

    private int runGatling(String simulation) {
        try {
            Files.deleteIfExists(SUMMARIES.resolve("QuotaConformance-latest.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return runs.run(simulation);
    }

    private static Check check(RunSummary summary, String prefix) {
        return summary.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no check starting with '" + prefix + "' in " + summary.checks()));
    }

    private void set(String key, String value) {
        runs.set(key, value);
    }

    @AfterEach
    void restore() {
        runs.close();
    }
}
