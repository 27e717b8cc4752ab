package dev.mantlemock.testing;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.config.MockConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

/**
 * A {@link RunningMock} seen the way quota and fault tests need it: SDK clients that tag every
 * request with an {@code x-mock-test-id} (and optionally an {@code x-mock-fault}), and the admin API.
 * Each test picks its own test id, so tests can share one server.
 */
public final class ScopedMock implements AutoCloseable {
    public static final String MODEL = RunningMock.MODEL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningMock mock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private ScopedMock(RunningMock mock) {
        this.mock = mock;
    }

    public static ScopedMock start(Consumer<MockConfig> configure) {
        return new ScopedMock(RunningMock.start(configure));
    }

    public RunningMock running() {
        return mock;
    }

    public AnthropicClient client(String testId, int maxRetries) {
        return client(testId, maxRetries, null);
    }

    /** An SDK client whose requests carry this test id and, if given, ask for this fault. */
    public AnthropicClient client(String testId, int maxRetries, String fault) {
        AnthropicOkHttpClient.Builder b = AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(RunningMock.API_KEY).baseUrl(mock.baseUrl()).build())
                .putHeader("x-mock-test-id", testId)
                .maxRetries(maxRetries)
                .timeout(RunningMock.TIMEOUT);
        if (fault != null) {
            b.putHeader("x-mock-fault", fault);
        }
        return b.build();
    }

    public static MessageCreateParams ask(long maxTokens) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(maxTokens).addUserMessage("Tell me about quotas.").build();
    }

    public record Reply(int status, JsonNode json, String text) {}

    /** Calls an admin route (path from the root, e.g. {@code /_mock/faults}). */
    public Reply admin(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mock.server().port() + path))
                    .header("content-type", "application/json")
                    .timeout(java.time.Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("content-type").orElse("").startsWith("application/json");
            return new Reply(r.statusCode(), json ? JSON.readTree(r.body()) : null, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The journal entries of one test, oldest first. */
    public JsonNode journal(String testId) {
        return admin("GET", "/_mock/requests?testId=" + testId, null).json().path("requests");
    }

    /**
     * The journal of one test once it holds {@code count} entries (or after 3 s), for requests sent
     * without waiting for their answer.
     */
    public JsonNode journal(String testId, int count) {
        return dev.mantlemock.kit.JournalWait.until(() -> journal(testId), entries -> entries.size() >= count);
    }

    @Override
    public void close() {
        mock.close();
    }
}
