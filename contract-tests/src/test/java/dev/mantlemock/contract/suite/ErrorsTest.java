package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.ErrorContracts;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void aMalformedBodyIsAnInvalidRequestInTheAnthropicEnvelope() {
        SuiteRun.verify(ErrorContracts.VALIDATION_ENVELOPE);
    }

    @Test
    void theSdkRaisesBadRequestForAThinkingBudgetAboveMaxTokens() {
        SuiteRun.verify(ErrorContracts.BAD_REQUEST_IN_THE_SDK);
    }

    @Test
    void theVersionHeaderIsRequired() {
        SuiteRun.verify(ErrorContracts.VERSION_REQUIRED);
    }

    @Test
    void anUnknownModelIsNotFound() {
        SuiteRun.verify(ErrorContracts.UNKNOWN_MODEL_NOT_FOUND);
    }

    @Test
    void aModelAwsDoesNotListForMantleIsNotFoundInMantlesWords() {
        SuiteRun.verify(ErrorContracts.OFF_MANTLE_MODEL_NOT_FOUND);
    }

    @Test
    void fastModeIsRefused() {
        SuiteRun.verify(ErrorContracts.FAST_MODE_REFUSED);
    }

    @Test
    void serverToolsAreRefused() {
        SuiteRun.verify(ErrorContracts.SERVER_TOOLS_REFUSED);
    }

    @Test
    void endpointsBedrockDoesNotOfferAreNotFound() {
        SuiteRun.verify(ErrorContracts.UNSUPPORTED_ENDPOINTS);
    }
}
