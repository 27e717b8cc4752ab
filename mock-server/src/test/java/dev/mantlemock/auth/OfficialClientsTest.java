package dev.mantlemock.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.mantlemock.api.ApiException;
import dev.mantlemock.api.HttpRequestView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Real clients against the authenticator over HTTP on an ephemeral port: the official Java SDK
 * (SigV4 with and without session token, a retried request re-signed, bearer keys) and curl --aws-sigv4.
 * A loopback HTTP host stands in for the server here, so this test needs nothing but auth.
 */
class OfficialClientsTest {
    private static final String OK = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"anthropic.claude-opus-4-7\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";

    private HttpServer server;
    private MantleAuthenticator authenticator;
    private final List<HttpRequestView> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger overloadsToSend = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        AuthConfig config = new AuthConfig();
        config.mode = AuthMode.STRICT;
        AuthConfig.SessionTokenConfig token = new AuthConfig.SessionTokenConfig();
        token.token = "FwoGZXIvYXdzEXAMPLESESSION/token+==";
        config.principals.get(0).sessionTokens.add(token);
        authenticator = new MantleAuthenticator(config);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
            String rawQuery = exchange.getRequestURI().getRawQuery();
            HttpRequestView view = new HttpRequestView(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    rawQuery == null ? "" : rawQuery, headers, exchange.getRequestBody().readAllBytes());
            int status;
            String body;
            try {
                authenticator.authenticate(view, Instant.now());
                accepted.add(view);
                if (overloadsToSend.getAndDecrement() > 0) {
                    status = 529;
                    body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
                    exchange.getResponseHeaders().add("retry-after-ms", "10");
                } else {
                    status = 200;
                    body = OK;
                }
            } catch (ApiException e) {
                status = e.status();
                body = "{\"type\":\"error\",\"error\":{\"type\":\"" + e.type().wireName() + "\",\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/anthropic";
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
        Message m = sigV4Client(AwsBasicCredentials.create(AuthFacts.EXAMPLE_ACCESS_KEY, AuthFacts.EXAMPLE_SECRET)).messages().create(hello());
        assertThat(m.id()).isEqualTo("msg_1");
        assertThat(accepted.get(0).header("authorization")).contains("/us-east-1/bedrock-mantle/aws4_request");
        assertThat(accepted.get(0).header("host")).endsWith(":" + server.getAddress().getPort());
    }

    @Test
    void acceptsTheJavaSdkSigningWithASessionToken() {
        Message m = sigV4Client(AwsSessionCredentials.create(AuthFacts.EXAMPLE_ACCESS_KEY, AuthFacts.EXAMPLE_SECRET,
                "FwoGZXIvYXdzEXAMPLESESSION/token+==")).messages().create(hello());
        assertThat(m.id()).isEqualTo("msg_1");
        assertThat(accepted.get(0).header("authorization")).contains("x-amz-security-token");
    }

    @Test
    void acceptsARetryTheSdkReSignedAfterA529() {
        overloadsToSend.set(1);
        Message m = sigV4Client(AwsBasicCredentials.create(AuthFacts.EXAMPLE_ACCESS_KEY, AuthFacts.EXAMPLE_SECRET)).messages().create(hello());
        assertThat(m.id()).isEqualTo("msg_1");
        assertThat(accepted).hasSize(2);
        assertThat(accepted.get(1).header("x-stainless-retry-count")).isEqualTo("1");
        assertThat(accepted.get(1).header("authorization")).contains("x-stainless-retry-count");
    }

    @Test
    void refusesTheJavaSdkSigningWithAWrongSecret() {
        AnthropicClient client = sigV4Client(AwsBasicCredentials.create(AuthFacts.EXAMPLE_ACCESS_KEY, "not-the-secret"));
        assertThatThrownBy(() -> client.messages().create(hello()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("signature we calculated does not match");
    }

    @Test
    void acceptsAShortTermKeyThroughTheSdksBearerMode() {
        String key = ShortTermKeys.mint(AuthFacts.EXAMPLE_ACCESS_KEY, AuthFacts.EXAMPLE_SECRET, null, "us-east-1", Instant.now(), java.time.Duration.ofHours(1));
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(key).baseUrl(baseUrl()).build()).build();
        assertThat(client.messages().create(hello()).id()).isEqualTo("msg_1");
        assertThat(accepted.get(0).header("authorization")).startsWith("Bearer bedrock-api-key-");
    }

    @Test
    void acceptsCurlSigningWithAwsSigV4() throws Exception {
        Assumptions.assumeTrue(curlAvailable(), "curl is not installed, so its --aws-sigv4 signing cannot be checked");
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:bedrock-mantle",
                "--user", AuthFacts.EXAMPLE_ACCESS_KEY + ":" + AuthFacts.EXAMPLE_SECRET,
                "-H", "content-type: application/json", "-H", "anthropic-version: 2023-06-01",
                "-d", "{\"model\":\"anthropic.claude-opus-4-7\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                baseUrl() + "/v1/messages?beta=true").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(out).isEqualTo("200");
        assertThat(accepted.get(0).header("authorization")).contains("SignedHeaders=").doesNotContain("x-amz-content-sha256");
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
