package dev.mantlemock.testing;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.MantleMockOptions;
import dev.mantlemock.server.MockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mock started on a free loopback port for one test class, with the clients a user would point at
 * it: the official Java SDK ({@code BedrockMantleBackend}) and a raw HTTP client for wire details.
 * The mock is the test kit's ({@link MantleMock}), so the DSL is at hand through {@link #kit()}.
 */
public final class RunningMock implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String MODEL = "anthropic.claude-haiku-4-5";
    public static final String API_KEY = "test-api-key";

    private MantleMock mock;
    private final Consumer<MockConfig> configure;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningMock(MantleMock mock, Consumer<MockConfig> configure) {
        this.mock = mock;
        this.configure = configure;
    }

    /**
     * A mock for one test class: {@code @RegisterExtension static final RunningMock mock = RunningMock.perClass(...)}
     * starts it before the class's tests and stops it after them.
     */
    public static RunningMock perClass(Consumer<MockConfig> configure) {
        return new RunningMock(null, configure);
    }

    public static RunningMock perClass() {
        return perClass(c -> {});
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mock = boot(configure, Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public static RunningMock start() {
        return start(c -> {});
    }

    public static RunningMock start(Consumer<MockConfig> configure) {
        return start(configure, Clock.systemUTC());
    }

    public static RunningMock start(Consumer<MockConfig> configure, Clock clock) {
        return new RunningMock(boot(configure, clock), configure);
    }

    private static MantleMock boot(Consumer<MockConfig> configure, Clock clock) {
        return MantleMock.start(MantleMockOptions.defaults().configure(configure), clock);
    }

    /** The shared fixtures directory, as the build passes it (never ../shared). */
    public static Path fixturesDir() {
        return Path.of(System.getProperty("mantlemock.fixtures", "../fixtures"));
    }

    public MockServer server() {
        return mock.server();
    }

    /** The test kit's handle on this mock: stubs, faults, quotas, verification. */
    public MantleMock kit() {
        return mock;
    }

    public String baseUrl() {
        return mock.baseUrl();
    }

    private AnthropicClient client;

    /**
     * What the test clients wait for an in-process mock: seconds, not the SDK's 10 minutes. The read
     * timeout is per read, so a stream is timed event by event; paced test streams send one at least
     * every few seconds.
     */
    public static final Timeout TIMEOUT = Timeout.builder().connect(Duration.ofSeconds(5)).read(Duration.ofSeconds(30))
            .write(Duration.ofSeconds(30)).request(Duration.ofSeconds(120)).build();

    /** The official SDK with a bearer key, without retries so each test sees exactly one answer (one per mock). */
    public synchronized AnthropicClient client() {
        if (client == null) {
            client = client(0);
        }
        return client;
    }

    public AnthropicClient client(int maxRetries) {
        return AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(API_KEY).baseUrl(baseUrl()).build())
                .maxRetries(maxRetries)
                .timeout(TIMEOUT)
                .build();
    }

    /** POSTs raw JSON to a path below {@code /anthropic}, with the headers given as name, value pairs. */
    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** POSTs a Messages body with the usual headers (version 2023-06-01, JSON, bearer key). */
    public HttpResponse<String> postMessages(String body, String... extraHeaders) {
        String[] headers = new String[6 + extraHeaders.length];
        headers[0] = "content-type";
        headers[1] = "application/json";
        headers[2] = "anthropic-version";
        headers[3] = "2023-06-01";
        headers[4] = "authorization";
        headers[5] = "Bearer " + API_KEY;
        System.arraycopy(extraHeaders, 0, headers, 6, extraHeaders.length);
        return post("/v1/messages", body, headers);
    }

    public HttpResponse<String> get(String pathFromRoot) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mock.port() + pathFromRoot))
                .timeout(Duration.ofSeconds(20)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IllegalStateException("the mock at " + request.uri() + " did not answer " + request.method()
                    + " within " + request.timeout().map(Duration::toSeconds).orElse(0L) + " s", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        mock.close();
    }
}
