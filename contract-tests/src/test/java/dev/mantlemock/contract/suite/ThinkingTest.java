package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.ThinkingContracts;
import org.junit.jupiter.api.Test;

class ThinkingTest {
    @Test
    void thinkingComesFirstAndIsSigned() {
        SuiteRun.verify(ThinkingContracts.FIRST_AND_SIGNED);
    }

    @Test
    void aStreamedThinkingBlockClosesWithItsSignature() {
        SuiteRun.verify(ThinkingContracts.STREAMED_SIGNATURE);
    }

    @Test
    void aToolTurnWithoutItsThinkingBlockIsRefused() {
        SuiteRun.verify(ThinkingContracts.DROPPED_BLOCK);
    }
}
