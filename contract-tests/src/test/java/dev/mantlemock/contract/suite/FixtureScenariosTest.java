package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.checks.AnswerKindContracts;
import dev.mantlemock.contract.checks.FixtureContracts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exact values scripted in fixtures/: mock-only, skipped against live (or excluded with -DexcludedGroups=mock-only). */
@Tag("mock-only")
class FixtureScenariosTest {
    @Test
    void theWeatherAgentSaysWhatItsFixtureScripts() {
        SuiteRun.verify(FixtureContracts.WEATHER_AGENT);
    }

    @Test
    void aScriptedStreamAccumulatesToTheScriptedMessage() {
        SuiteRun.verify(FixtureContracts.STREAM_EQUALS_MESSAGE);
    }

    @Test
    void theRiddleIsAnsweredWithItsScriptedThinking() {
        SuiteRun.verify(FixtureContracts.THINKING_RIDDLE);
    }

    @Test
    void everyShippedFixtureIsAcceptedStrictlyByTheSdk() {
        SuiteRun.verify(AnswerKindContracts.SHIPPED_FIXTURES);
    }

    @Test
    void everyKindOfAnswerIsAcceptedStrictlyByTheSdk() {
        SuiteRun.verify(AnswerKindContracts.EVERY_ANSWER_KIND);
    }

    @Test
    void errorScenariosAnswerAsScripted() {
        SuiteRun.verify(FixtureContracts.ERROR_SCENARIOS);
    }
}
