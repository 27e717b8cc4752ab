package dev.mantlemock.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency model's arithmetic and its table, without a server or a clock. */
class LatencyProfileTest {
    private final LatencyProfile profile = new LatencyProfile(400, 100, 50, 11, 3, "test");

    @Test
    void timeToFirstTokenIsTheOverheadPlusPrefillPerInputToken() {
        assertThat(profile.timeToFirstTokenMillis(0, 1)).isEqualTo(400);
        assertThat(profile.timeToFirstTokenMillis(10_000, 1)).isEqualTo(400 + 1_000);
    }

    @Test
    void bothTimesSlowDownInALineWithTheRequestsInFlightForTheModel() {
        assertThat(profile.slowdown(1)).isEqualTo(1);
        assertThat(profile.slowdown(6)).isEqualTo(2);   // half way to capacity: half way to the factor
        assertThat(profile.slowdown(11)).isEqualTo(3);  // at capacity: the factor
        assertThat(profile.timeToFirstTokenMillis(0, 11)).isEqualTo(1_200);
        assertThat(profile.tokensPerSecond(11)).isEqualTo(50 / 3.0);
    }

    @Test
    void aProfileThatCannotPaceAnAnswerIsRefused() {
        assertThatThrownBy(() -> new LatencyProfile(0, 0, 0, 32, 2, "x")).hasMessageContaining("tokens-per-second > 0");
    }

    @Test
    void theBuiltInTableGivesEveryModelFamilyItsRowAndOthersTheDefaults() {
        LatencyTable table = LatencyTable.builtIn();
        LatencyProfile haiku = table.forModel("anthropic.claude-haiku-4-5");
        LatencyProfile opus = table.forModel("anthropic.claude-opus-4-7");
        assertThat(haiku.tokensPerSecond()).isGreaterThan(opus.tokensPerSecond());
        assertThat(haiku.overheadMillis()).isLessThan(opus.overheadMillis());
        assertThat(haiku.source()).startsWith("[I] inferred");
        assertThat(table.forModel("anthropic.some-other-model").source()).isEqualTo("[I] inferred: no published figure");
    }

    @Test
    void aFittedTableFromAFileIsReadAsStrictlyAsTheBuiltInOne(@TempDir Path dir) throws IOException {
        Path fitted = dir.resolve("latency.yaml");
        Files.writeString(fitted, """
                defaults:
                  overhead-ms: 100
                  prefill-ms-per-1k-input-tokens: 10
                  tokens-per-second: 200
                  capacity: 8
                  slowdown-at-capacity: 1.5
                  source: fitted
                families:
                  - match: anthropic.claude-haiku-4-5
                    overhead-ms: 123
                """);
        LatencyTable table = LatencyTable.from(fitted);
        assertThat(table.forModel("anthropic.claude-haiku-4-5").overheadMillis()).isEqualTo(123);
        assertThat(table.forModel("anthropic.claude-haiku-4-5").tokensPerSecond()).isEqualTo(200); // the rest from defaults
        Files.writeString(fitted, "defaults:\n  overhead: 1\nfamilies: []\n");
        assertThatThrownBy(() -> LatencyTable.from(fitted)).hasMessageContaining("overhead");
    }
}
