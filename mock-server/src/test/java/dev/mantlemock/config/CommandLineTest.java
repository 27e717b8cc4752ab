package dev.mantlemock.config;

import dev.mantlemock.domain.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags and config files: what they set, and the one-line message a mistake gets. */
class CommandLineTest {

    @Test
    void defaultsBindLoopbackOnPort8080WithThePreviewProfile() {
        MockConfig c = CommandLine.parse();
        assertThat(c.host).isEqualTo("127.0.0.1");
        assertThat(c.port).isEqualTo(8080);
        assertThat(c.profile).isEqualTo("preview");
        assertThat(c.region).isEqualTo("us-east-1");
    }

    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mock.yaml");
        Files.writeString(file, "port: 9000\nprofile: ga\nstreaming:\n  preset: realistic\n");

        MockConfig c = CommandLine.parse("--config", file.toString(), "--port", "0");

        assertThat(c.port).isZero();
        assertThat(c.profile).isEqualTo("ga");
        assertThat(c.streaming.timing().tokensPerSecond()).isPositive();
    }

    @Test
    void anUnknownFlagIsNamedWithTheUsage() {
        assertThatThrownBy(() -> CommandLine.parse("--prot", "1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option '--prot'").hasMessageContaining("usage:");
    }

    @Test
    void aFlagWithoutItsValueIsNamed() {
        assertThatThrownBy(() -> CommandLine.parse("--port")).hasMessageContaining("option --port needs a value");
    }

    @Test
    void aPortMustBeANumberInRange() {
        assertThatThrownBy(() -> CommandLine.parse("--port", "eighty")).hasMessageContaining("--port must be a whole number");
        assertThatThrownBy(() -> CommandLine.parse("--port", "70000")).hasMessageContaining("between 0 and 65535");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> CommandLine.parse("--config", "/no/such/file.yaml"))
                .hasMessageContaining("/no/such/file.yaml").hasMessageContaining("does not exist");
    }

    @Test
    void aTypoInTheConfigFileIsNamedNotIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "prot: 9000\n");

        assertThatThrownBy(() -> CommandLine.parse("--config", file.toString()))
                .hasMessageContaining("typo.yaml").hasMessageContaining("unknown key 'prot'");
    }

    @Test
    void aSwitchWithAMisspelledValueIsRefusedNotReadAsTheOtherChoice() {
        MockConfig c = new MockConfig();
        c.validation.betas = "first-partey";

        assertThatThrownBy(() -> c.validation.check())
                .isInstanceOf(ConfigException.class).hasMessageContaining("validation.betas").hasMessageContaining("'first-partey'");
    }

    @Test
    void malformedYamlIsReportedInOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "port: [\n");

        assertThatThrownBy(() -> CommandLine.parse("--config", file.toString()))
                .hasMessageContaining("bad.yaml").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
