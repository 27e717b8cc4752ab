package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.ToolUseContracts;
import org.junit.jupiter.api.Test;

class ToolUseTest {
    @Test
    void aToolCallAndItsResultEndInAnAnswer() {
        SuiteRun.verify(ToolUseContracts.ROUND_TRIP);
    }
}
