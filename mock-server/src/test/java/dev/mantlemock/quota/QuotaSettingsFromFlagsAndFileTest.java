package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.config.CommandLine;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.config.MockConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quota, fault, journal and admin settings as a user writes them: flags and YAML. */
class QuotaSettingsFromFlagsAndFileTest {

    @Test
    void flagsSetQuotasWindowAdminTokenAndJournalSize() {
        MockConfig c = CommandLine.parse("--input-tpm", "4000000", "--output-tpm", "800000", "--rpm", "50",
                "--quota-window", "6", "--admin-token", "t0k", "--journal-size", "10", "--quotas", "off");
        assertThat(c.quota.defaults()).isEqualTo(new TokenQuota(4_000_000, 800_000, 50));
        assertThat(c.quota.windowMillis()).isEqualTo(6000);
        assertThat(c.quota.enabled).isFalse();
        assertThat(c.admin.token).isEqualTo("t0k");
        assertThat(c.journal.size).isEqualTo(10);
    }

    @Test
    void badQuotaFlagsGetOneLineReasons() {
        assertThatThrownBy(() -> CommandLine.parse("--input-tpm", "0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--input-tpm must be at least 1");
        assertThatThrownBy(() -> CommandLine.parse("--quota-window", "soon")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--quota-window must be a number of seconds");
        assertThatThrownBy(() -> CommandLine.parse("--quotas", "maybe")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'on' or 'off'");
    }

    @Test
    void theYamlSectionsUseKebabCaseLikeTheRestOfTheConfig(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mock.yaml");
        Files.writeString(file, """
                quota:
                  window-seconds: 6
                  input-tokens-per-minute: 1000000
                  retry-after: false
                  rate-limit-headers: true
                  on-output-exhausted: continue
                  overrides:
                    - account: "111111111111"
                      model: anthropic.claude-opus-4-7
                      input-tokens-per-minute: 20000000
                      output-tokens-per-minute: 4000000
                faults:
                  seed: 7
                  rules:
                    - kind: overloaded
                      times: 2
                      test-id: smoke
                journal:
                  size: 50
                  max-body-bytes: 100
                admin:
                  token: s3cret
                """);
        MockConfig c = CommandLine.parse("--config", file.toString());
        assertThat(c.quota.windowSeconds).isEqualTo(6);
        assertThat(c.quota.retryAfter).isFalse();
        assertThat(c.quota.rateLimitHeaders).isTrue();
        assertThat(c.quota.onOutputExhausted).isEqualTo(OutputExhaustion.CONTINUE);
        assertThat(c.quota.overrides).singleElement().satisfies(o -> assertThat(o.outputTokensPerMinute).isEqualTo(4_000_000));
        assertThat(c.faults.rules).singleElement().satisfies(r -> assertThat(r.testId).isEqualTo("smoke"));
        assertThat(c.journal.maxBodyBytes).isEqualTo(100);
        assertThat(c.admin.token).isEqualTo("s3cret");
    }
}
