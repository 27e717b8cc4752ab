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
