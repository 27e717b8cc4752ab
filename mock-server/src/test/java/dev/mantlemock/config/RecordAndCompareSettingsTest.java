package dev.mantlemock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.upstream.UpstreamTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record, replay and compare flags and keys: what they set, and the sentence a mistake gets. */
class RecordAndCompareSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theFlagsSetTheRecordAndCompareSections() {
        MockConfig c = CommandLine.parse("--record-from", "https://bedrock-mantle.eu-west-1.api.aws/anthropic",
                "--record-dir", "recs", "--on-miss", "record", "--drift-log", "d.jsonl");
        assertThat(c.record.from).isEqualTo("https://bedrock-mantle.eu-west-1.api.aws/anthropic");
        assertThat(c.record.dir).isEqualTo("recs");
        assertThat(c.record.onMiss).isEqualTo("record");
        assertThat(c.compare.driftLog).isEqualTo("d.jsonl");
        c.check();
    }

    @Test
    void theRegionIsReadFromAMantleUrlOrMustBeGiven() {
        assertThat(UpstreamTarget.of("https://bedrock-mantle.eu-west-1.api.aws/anthropic/", null, "--record-from").region())
                .isEqualTo("eu-west-1");
        assertThat(UpstreamTarget.of("http://127.0.0.1:9/anthropic", "us-east-2", "--record-from").region()).isEqualTo("us-east-2");
        assertThatThrownBy(() -> UpstreamTarget.of("http://127.0.0.1:9/anthropic", null, "--record-from"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--record-region");
        assertThatThrownBy(() -> UpstreamTarget.of("https://AKID:secret@bedrock-mantle.us-east-1.api.aws/anthropic", null, "--record-from"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not carry credentials");
    }

    @Test
    void recordingMissesNeedsAnUpstreamAndRecordAndCompareExcludeEachOther() {
        assertThatThrownBy(() -> CommandLine.parse("--on-miss", "record").check())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--record-from URL");
        assertThatThrownBy(() -> CommandLine.parse("--on-miss", "sometimes").check())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'generate', 'fail' or 'record'");
        assertThatThrownBy(() -> CommandLine.parse("--record-from", "http://a", "--compare-with", "http://b").check())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be used together");
    }

    @Test
    void theUpstreamAndFixtureLimitsAreReadFromTheFileAndFlagsAndCheckedAgainstTheirBounds() throws Exception {
        Path file = Files.writeString(dir.resolve("limits.yaml"), "upstream:\n  max-relays: 4\n  max-body-bytes: 2048\n"
                + "fixture-limits:\n  max-added-bytes: 4096\ncompare:\n  drift-log-files: 5\n");
        MockConfig c = ConfigLoader.load(file);
        c.check();
        assertThat(c.upstream.maxRelays).isEqualTo(4);
        assertThat(c.upstream.maxBodyBytes).isEqualTo(2048);
        assertThat(c.fixtureLimits.maxAddedBytes).isEqualTo(4096);
        assertThat(c.compare.driftLogFiles).isEqualTo(5);
        assertThat(CommandLine.parse("--fixtures-strict", "on").fixtureLimits.strict).isTrue();

        c.upstream.maxRelays = 0;
        assertThatThrownBy(c::check).hasMessageContaining("upstream.max-relays").hasMessageContaining("between 1 and 10000");
        c.upstream.maxRelays = 4;
        c.fixtureLimits.maxMatchSteps = 10;
        assertThatThrownBy(c::check).hasMessageContaining("fixture-limits.max-match-steps");
        c.fixtureLimits.maxMatchSteps = 50_000_000;
        c.compare.driftLogMaxBytes = 10;
        assertThatThrownBy(c::check).hasMessageContaining("compare.drift-log-max-bytes");
    }

    @Test
    void aMistypedKeyInTheFileNamesTheKeyMeant() throws Exception {
        Path file = Files.writeString(dir.resolve("mock.yaml"), "record:\n  on-mis: fail\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'on-miss'");
        Path good = Files.writeString(dir.resolve("good.yaml"),
                "record:\n  on-miss: fail\n  ignore: [/metadata, /max_tokens]\ncompare:\n  with: http://127.0.0.1:1/anthropic\n  region: us-east-1\n");
        MockConfig c = ConfigLoader.load(good);
        assertThat(c.record.ignore).containsExactly("/metadata", "/max_tokens");
        assertThat(c.compare.with).isEqualTo("http://127.0.0.1:1/anthropic");
    }
}
