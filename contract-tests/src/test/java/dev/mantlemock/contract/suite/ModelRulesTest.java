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

    @Test
    void opus55RefusesForcedToolChoice() {
        SuiteRun.verify(ModelRuleContracts.FORCED_TOOL_CHOICE_REFUSED);
    }

    @Test
    void opus55RefusesForcedToolChoiceInCountTokens() {
        SuiteRun.verify(ModelRuleContracts.FORCED_TOOL_CHOICE_REFUSED_IN_COUNT_TOKENS);
    }

    @Test
    void opus55RefusesDisabledThinking() {
        SuiteRun.verify(ModelRuleContracts.THINKING_ALWAYS_ON);
    }

    @Test
    void opus5RefusesDisabledThinkingAtXhigh() {
        SuiteRun.verify(ModelRuleContracts.DISABLED_THINKING_EFFORT_CAP);
    }

    @Test
    void sonnet55CapsBetweenToolsEffort() {
        SuiteRun.verify(ModelRuleContracts.BETWEEN_TOOLS_EFFORT_CAP);
    }

    @Test
    void sonnet5RefusesSystemMessages() {
        SuiteRun.verify(ModelRuleContracts.SYSTEM_MESSAGE_REFUSED);
    }

    @Test
    void opus55RefusesAFirstSystemMessage() {
        SuiteRun.verify(ModelRuleContracts.SYSTEM_MESSAGE_NOT_FIRST);
    }
}
