package dev.mantlemock.load;

import static dev.mantlemock.load.GatlingRun.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * CI's load smoke run (part of {@code mvn -B verify}): QuotaConformance against a mock with a 2 s
 * quota window, 4 s below and 4 s above the quota, run programmatically so the test can look at the
 * verdicts, including the ones that must fail. The throttled share above the quota is judged against
 * the rate requests were really sent at, so a busy machine where Gatling falls behind its plan does
 * not fail it. About 30 s for both runs on 2 cores.
 */
class QuotaSmokeIT {
    private static final String SIMULATION = "QuotaConformance";

    /** Quotas as Mantle's, window compressed: each phase spans two windows, in four seconds. */
    private static GatlingRun smokeRun() {
        return new GatlingRun()
                .set("load.window", "2")
                .set("load.durationSeconds", "4")
                .set("load.quotaTpm", "2000000")
                // A hard ceiling well above the ~260 requests the plan sends.
                .set("load.maxRequests", "1000");
    }

    @Test
    void underTheQuotaNothingIsThrottledAndOverItTheExcessIs() {
        try (GatlingRun run = smokeRun()) {
            int status = run.run(SIMULATION);
            RunSummary summary = run.summary(SIMULATION);

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
    }

    @Test
    void aQuotaHigherThanPlannedIsCaughtByTheThrottledShareAssertion() {
        // The plan assumes 2M TPM; the mock allows 4M, so the "above" phase is not over its quota.
        try (GatlingRun run = smokeRun().set("load.mockQuotaTpm", "4000000")
                .set("load.expectFailure", "true")) { // so its summary does not print FAILED in a passing build
            int status = run.run(SIMULATION);
            RunSummary summary = run.summary(SIMULATION);

            assertThat(status).as("Gatling must report that nothing was throttled above the planned quota").isNotZero();
            assertThat(summary.quotaAssertionsHeld()).isFalse();
            assertThat(check(summary, "above quota: throttled share").held()).as(summary.toTable()).isFalse();
            assertThat(summary.phases().get(1).throttled()).isZero();
        }
    }
}
