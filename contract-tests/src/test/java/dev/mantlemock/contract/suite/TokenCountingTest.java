package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.TokenCountContracts;
import org.junit.jupiter.api.Test;

class TokenCountingTest {
    @Test
    void countTokensMatchesTheUsageOfTheSameRequest() {
        SuiteRun.verify(TokenCountContracts.MATCHES_USAGE);
    }
}
