package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.CachingContracts;
import org.junit.jupiter.api.Test;

class PromptCachingTest {
    @Test
    void aCachedPrefixIsWrittenOnceThenRead() {
        SuiteRun.verify(CachingContracts.WRITE_THEN_READ);
    }
}
