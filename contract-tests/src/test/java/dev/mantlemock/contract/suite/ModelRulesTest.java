package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.ModelRuleContracts;
import org.junit.jupiter.api.Test;

class ModelRulesTest {
    @Test
    void opus47RefusesEnabledThinking() {
        SuiteRun.verify(ModelRuleContracts.ENABLED_THINKING_REFUSED);
    }

    @Test
    void opus47RefusesAssistantPrefill() {
        SuiteRun.verify(ModelRuleContracts.PREFILL_REFUSED);
    }
}
