package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.StreamingContracts;
import org.junit.jupiter.api.Test;

class StreamingTest {
    @Test
    void eventsFollowTheMessageLifecycle() {
        SuiteRun.verify(StreamingContracts.EVENT_ORDER);
    }

    @Test
    void usageIsARunningTotalThatEndsAtMaxTokensWhenCut() {
        SuiteRun.verify(StreamingContracts.CUMULATIVE_USAGE);
    }

    @Test
    void theSdkAccumulatesTheStreamIntoTheFinalMessage() {
        SuiteRun.verify(StreamingContracts.ACCUMULATES);
    }

    @Test
    void toolInputArrivesAsJsonDeltas() {
        SuiteRun.verify(StreamingContracts.TOOL_INPUT_DELTAS);
    }
}
