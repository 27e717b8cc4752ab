package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.RequestIdContracts;
import org.junit.jupiter.api.Test;

class RequestIdTest {
    @Test
    void successfulAnswersCarryARequestId() {
        SuiteRun.verify(RequestIdContracts.ON_SUCCESS);
    }

    @Test
    void errorAnswersCarryTheSameRequestIdInHeaderAndBody() {
        SuiteRun.verify(RequestIdContracts.ON_ERROR);
    }
}
