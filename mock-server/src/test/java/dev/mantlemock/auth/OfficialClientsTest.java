package dev.mantlemock.auth;

import dev.mantlemock.client.ShortTermKeys;

import dev.mantlemock.client.ExamplePrincipal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.admin.JournalEntry;
import dev.mantlemock.faults.FaultKind;
import dev.mantlemock.faults.FaultRuleSpec;
import dev.mantlemock.testing.Curl;
import dev.mantlemock.testing.RunningMock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Real clients against the running mock in strict mode: the official Java SDK (SigV4 with and without
 * a session token, a retried request re-signed after a 529, short-term keys in bearer mode) and curl
 * {@code --aws-sigv4}. What the mock verified is read back from its request journal.
 */
class OfficialClientsTest {
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSION/token+==";
    private RunningMock mock;

    @BeforeEach
    void start() {
        mock = RunningMock.start(c -> {
            c.auth.mode = AuthMode.STRICT;
            AuthConfig.SessionTokenConfig token = new AuthConfig.SessionTokenConfig();
            token.token = SESSION_TOKEN;
            c.auth.principals.get(0).sessionTokens.add(token);
        });
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    private String baseUrl() {
        return mock.baseUrl();
    }

    /** The requests the mock accepted, oldest first, with their (redacted) headers as it received them. */
    private List<JournalEntry> accepted() {
        // the journal entry is written just after the client has its answer
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<JournalEntry> entries;
        do {
            entries = mock.server().controls().journal().entries(null, 100).stream()
                    .filter(e -> e.status() == 200).toList();
        } while (entries.isEmpty() && System.nanoTime() < deadline);
        return entries;
    }

    private static String header(JournalEntry entry, String name) {
        List<String> values = entry.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static MessageCreateParams hello() {
        return MessageCreateParams.builder().model("anthropic.claude-opus-4-7").maxTokens(64).addUserMessage("Hello").build();
    }

    private AnthropicClient sigV4Client(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder()
                .awsCredentials(credentials).region(Region.US_EAST_1).baseUrl(baseUrl()).build()).build();
    }

    @Test
    void acceptsTheJavaSdkSigningWithBasicCredentials() {
        Message m = sigV4Client(AwsBasicCredentials.create(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY)).messages().create(hello());
        assertThat(m.content()).isNotEmpty();
        assertThat(header(accepted().get(0), "authorization")).contains("/us-east-1/bedrock-mantle/aws4_request");
        assertThat(header(accepted().get(0), "host")).endsWith(":" + mock.server().port());
    }

    @Test
    void acceptsTheJavaSdkSigningWithASessionToken() {
        Message m = sigV4Client(AwsSessionCredentials.create(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY,
                SESSION_TOKEN)).messages().create(hello());
        assertThat(m.content()).isNotEmpty();
        assertThat(header(accepted().get(0), "authorization")).contains("x-amz-security-token");
    }

    @Test
    void acceptsARetryTheSdkReSignedAfterA529() {
        FaultRuleSpec overloadOnce = FaultRuleSpec.of(FaultKind.OVERLOADED);
        overloadOnce.times = 1;
        mock.server().controls().faults().add(overloadOnce);
        AnthropicClient client = AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder()
                .awsCredentials(AwsBasicCredentials.create(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY))
                .region(Region.US_EAST_1).baseUrl(baseUrl()).build()).maxRetries(1).build();

        Message m = client.messages().create(hello());

        assertThat(m.content()).isNotEmpty();
        JournalEntry retried = accepted().get(0);
        assertThat(header(retried, "x-stainless-retry-count")).isEqualTo("1");
        assertThat(header(retried, "authorization")).contains("x-stainless-retry-count");
    }

    @Test
    void refusesTheJavaSdkSigningWithAWrongSecret() {
        AnthropicClient client = sigV4Client(AwsBasicCredentials.create(ExamplePrincipal.ACCESS_KEY_ID, "not-the-secret"));
        assertThatThrownBy(() -> client.messages().create(hello()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("signature we calculated does not match");
    }

    @Test
    void acceptsAShortTermKeyThroughTheSdksBearerMode() {
        String key = ShortTermKeys.mint(ExamplePrincipal.ACCESS_KEY_ID, ExamplePrincipal.SECRET_ACCESS_KEY, null, "us-east-1", Instant.now(), java.time.Duration.ofHours(1));
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(key).baseUrl(baseUrl()).build()).build();
        assertThat(client.messages().create(hello()).content()).isNotEmpty();
        assertThat(header(accepted().get(0), "authorization")).startsWith("Bearer");
    }

    @Test
    void acceptsCurlSigningWithAwsSigV4() throws Exception {
        Assumptions.assumeTrue(Curl.available(), "curl is not installed, so its --aws-sigv4 signing cannot be checked");
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:bedrock-mantle",
                "--user", ExamplePrincipal.ACCESS_KEY_ID + ":" + ExamplePrincipal.SECRET_ACCESS_KEY,
                "-H", "content-type: application/json", "-H", "anthropic-version: 2023-06-01",
                "-d", "{\"model\":\"anthropic.claude-opus-4-7\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                baseUrl() + "/v1/messages?beta=true").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(out).isEqualTo("200");
        assertThat(header(accepted().get(0), "authorization")).contains("SignedHeaders=").doesNotContain("x-amz-content-sha256");
    }
}
