package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.AuthContracts;
import org.junit.jupiter.api.Test;

class AuthTest {
    @Test
    void theSdkSigningWithIamCredentialsIsAnswered() {
        SuiteRun.verify(AuthContracts.SIGV4_ACCEPTED);
    }

    @Test
    void theSdkSendingABedrockApiKeyIsAnswered() {
        SuiteRun.verify(AuthContracts.BEARER_ACCEPTED);
    }

    @Test
    void noCredentialsIsUnauthenticated() {
        SuiteRun.verify(AuthContracts.NO_CREDENTIALS);
    }

    @Test
    void aWrongSecretIsUnauthenticated() {
        SuiteRun.verify(AuthContracts.WRONG_SECRET);
    }

    @Test
    void aClockTenMinutesOffIsUnauthenticated() {
        SuiteRun.verify(AuthContracts.SKEWED_CLOCK);
    }

    @Test
    void aTamperedKeyIsUnauthenticated() {
        SuiteRun.verify(AuthContracts.TAMPERED_KEY);
    }
}
