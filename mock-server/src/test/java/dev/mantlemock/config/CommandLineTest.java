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
    void thinkingAndResponseSwitchesAreReadFromTheFileAndABadValueIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mock.yaml");
        Files.writeString(file, "thinking:\n  signing-key: k\n  signatures: verify-own\n  thinking-first: off\n"
                + "responses:\n  nullable-fields: omit\n  inference-geo: us\n");

        MockConfig c = CommandLine.parse("--config", file.toString());

        assertThat(c.thinking.signingKey).isEqualTo("k");
        assertThat(c.thinking.signatures).isEqualTo("verify-own");
        assertThat(c.thinking.thinkingFirst).isEqualTo("off");
        assertThat(c.responses.nullableFields).isEqualTo("omit");
        assertThat(c.responses.inferenceGeo).isEqualTo("us");
        c.thinking.signatures = "trust";
        assertThatThrownBy(c.thinking::check).hasMessageContaining("thinking.signatures must be one of [verify, verify-own, ignore], not 'trust'");
        c.responses.nullableFields = "null";
        assertThatThrownBy(c.responses::check).hasMessageContaining("responses.nullable-fields must be 'present' or 'omit'");
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
    void aTypoNamesTheNearestValidKeyAndWhereItIsWithoutJavaClassNames(@TempDir Path dir) throws Exception {
        Path top = dir.resolve("top.yaml");
        Files.writeString(top, "prot: 9000\n");
        assertThatThrownBy(() -> CommandLine.parse("--config", top.toString()))
                .hasMessageContaining("unknown key 'prot' at the top level; did you mean 'port'?")
                .hasMessageContaining("Valid keys there: ").hasMessageContaining("host")
                .hasMessageNotContaining("dev.mantlemock").hasMessageNotContaining("MockConfig");

        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, "quota:\n  windw-seconds: 6\n");
        assertThatThrownBy(() -> CommandLine.parse("--config", nested.toString()))
                .hasMessageContaining("unknown key 'windw-seconds' under 'quota'; did you mean 'window-seconds'?")
                .hasMessageNotContaining("dev.mantlemock");

        Path far = dir.resolve("far.yaml");
        Files.writeString(far, "completely-unrelated: 1\n");
        assertThatThrownBy(() -> CommandLine.parse("--config", far.toString()))
                .hasMessageContaining("unknown key 'completely-unrelated'").hasMessageNotContaining("did you mean");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyNotAJavaType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("type.yaml");
        Files.writeString(file, "quota:\n  input-tokens-per-minute: lots\n");
        assertThatThrownBy(() -> CommandLine.parse("--config", file.toString()))
                .hasMessageContaining("'quota.input-tokens-per-minute' has the wrong type")
                .hasMessageNotContaining("dev.mantlemock").hasMessageNotContaining("reference chain");
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

    @Test
    void environmentVariablesSetWhatTheirFlagsSetAndAFlagOverridesItsVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mock.yaml");
        Files.writeString(file, "port: 9000\nprofile: ga\nadmin:\n  token: from-file\n");

        MockConfig c = CommandLine.parse(java.util.Map.of("MANTLE_MOCK_CONFIG", file.toString(), "MANTLE_MOCK_HOST", "0.0.0.0",
                "MANTLE_MOCK_ADMIN_TOKEN", "from-env", "MANTLE_MOCK_ADMIN_ALLOWED_HOSTS", "mantle-mock, host.docker.internal",
                "MANTLE_MOCK_AUTH_MODE", "strict", "MANTLE_MOCK_PORT", "8081", "PATH", "/bin"), "--port", "0");

        assertThat(c.profile).as("from the file MANTLE_MOCK_CONFIG names").isEqualTo("ga");
        assertThat(c.host).isEqualTo("0.0.0.0");
        assertThat(c.admin.token).as("the variable over the file").isEqualTo("from-env");
        assertThat(c.admin.allowedHosts).containsExactly("mantle-mock", "host.docker.internal");
        assertThat(c.auth.mode).isEqualTo(dev.mantlemock.auth.AuthMode.STRICT);
        assertThat(c.port).as("the flag over the variable").isZero();
    }

    @Test
    void aMisspelledVariableStopsTheStartWithTheNearestName() {
        assertThatThrownBy(() -> CommandLine.parse(java.util.Map.of("MANTLE_MOCK_ADMIN_TOKN", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown environment variable MANTLE_MOCK_ADMIN_TOKN (did you mean MANTLE_MOCK_ADMIN_TOKEN?)");
        assertThatThrownBy(() -> CommandLine.parse(java.util.Map.of("MANTLE_MOCK_PORT", "eighty")))
                .hasMessageContaining("MANTLE_MOCK_PORT: --port must be a whole number");
        assertThat(CommandLine.parse(java.util.Map.of("MANTLE_MOCK_ADMIN_TOKEN", "")).admin.token)
                .as("an empty variable is as good as unset").isNull();
        assertThat(CommandLine.parse(java.util.Map.of("MANTLE_MOCK_IMAGE", "mantle-mock:local")).port)
                .as("the image's tooling variables, which CI exports to every process, are not the mock's").isEqualTo(8080);
    }

    @Test
    void theAdvertisedUrlIsWhatTheReadyLineGivesAndEveryInterfaceBecomesLocalhost() {
        MockConfig c = CommandLine.parse("--advertised-url", "http://mantle-mock:8080/anthropic/");
        assertThat(AdvertisedUrl.of(c, "0.0.0.0", 8080)).isEqualTo("http://mantle-mock:8080/anthropic");
        assertThat(AdvertisedUrl.of(new MockConfig(), "0.0.0.0", 41234)).isEqualTo("http://localhost:41234/anthropic");
        assertThat(AdvertisedUrl.of(new MockConfig(), "127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080/anthropic");
        assertThat(AdvertisedUrl.of(new MockConfig(), "::1", 8080)).isEqualTo("http://[::1]:8080/anthropic");
        for (String bad : new String[] {"mantle-mock:8080", "ftp://host", "http://host/v1", "http://host?x=1"}) {
            assertThatThrownBy(() -> CommandLine.parse("--advertised-url", bad)).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("--advertised-url must be http://host:port");
        }
    }

    @Test
    void theUsageSaysEachFlagHasAVariable() {
        assertThat(CommandLine.usage()).contains("--auth-mode").contains("--admin-allowed-hosts").contains("--advertised-url")
                .contains("MANTLE_MOCK_ADMIN_TOKEN").contains("MANTLE_MOCK_CONFIG");
        assertThatThrownBy(() -> CommandLine.parse("--auth-mode", "loose")).hasMessageContaining("--auth-mode must be strict, lenient or off");
    }
}
