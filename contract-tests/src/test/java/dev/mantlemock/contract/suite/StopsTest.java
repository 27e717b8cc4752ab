package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.StopContracts;
import org.junit.jupiter.api.Test;

class StopsTest {
    @Test
    void aStopSequenceEndsTheAnswerBeforeIt() {
        SuiteRun.verify(StopContracts.STOP_SEQUENCE);
    }

    @Test
    void maxTokensCutsTheAnswerAtExactlyMaxTokens() {
        SuiteRun.verify(StopContracts.MAX_TOKENS);
    }
}
