package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.MessageContracts;
import org.junit.jupiter.api.Test;

class MessageTest {
    @Test
    void aMessageHasTheDocumentedShape() {
        SuiteRun.verify(MessageContracts.SHAPE);
    }
}
