package dev.mantlemock.testing;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.server.MockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The real server on an ephemeral loopback port, with the official Java SDK as its client and a small
 * admin client. Each test picks its own {@code x-mock-test-id}, so tests can share one server.
 */
public final class RunningMock implements AutoCloseable {
    public static final String MODEL = "anthropic.claude-opus-4-7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningMock(MockServer server) {
        this.server = server;
    }

    public static RunningMock start(Consumer<MockConfig> configure) {
        return start(configure, Clock.systemUTC());
    }

    public static RunningMock start(Consumer<MockConfig> configure, Clock clock) {
        MockConfig config = new MockConfig();
        config.host = "127.0.0.1";
        config.port = 0;
        configure.accept(config);
        return new RunningMock(MockServer.start(config, clock));
    }

    public MockServer server() {
        return server;
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** An SDK client whose every request carries this test id; retries as the SDK does by default. */
    public AnthropicClient client(String testId) {
        return client(testId, 2);
    }

    public AnthropicClient client(String testId, int maxRetries) {
        return client(testId, maxRetries, null);
    }

    /** A client that asks for one fault on every request with {@code x-mock-fault}. */
    public AnthropicClient client(String testId, int maxRetries, String fault) {
        AnthropicOkHttpClient.Builder b = AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey("k").baseUrl(server.baseUrl()).build())
                .putHeader("x-mock-test-id", testId)
                .maxRetries(maxRetries);
        if (fault != null) {
            b.putHeader("x-mock-fault", fault);
        }
        return b.build();
    }

    public static MessageCreateParams ask(long maxTokens) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(maxTokens).addUserMessage("Tell me about quotas.").build();
    }

    public record Reply(int status, JsonNode json, String text) {}

    public Reply admin(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl(path)))
                    .header("content-type", "application/json")
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
     * The journal of one test once it holds {@code count} entries (or after 3 s). An entry is written
     * when the server has finished the response, which can be just after the client has read it.
     */
    public JsonNode journal(String testId, int count) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        JsonNode entries = journal(testId);
        while (entries.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            entries = journal(testId);
        }
        return entries;
    }

    @Override
    public void close() {
        server.close();
    }
}
