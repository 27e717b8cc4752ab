package dev.mantlemock.junit;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import dev.mantlemock.kit.MantleMockInfo;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;

/**
 * The official Java SDK pointed at a test's mock, through {@code BedrockMantleBackend} exactly as a user
 * points it at Bedrock. Loaded only when a test asks for an {@code AnthropicClient}: the SDK is optional.
 */
public final class AnthropicClients {
    /**
     * Seconds, not the SDK's ten minutes: an in-process mock answers at once, and a test that hangs should
     * fail soon. The read timeout is per read, so a paced stream is timed event by event.
     */
    public static final Timeout TEST_TIMEOUT = Timeout.builder().connect(Duration.ofSeconds(5)).read(Duration.ofSeconds(30))
            .write(Duration.ofSeconds(30)).request(Duration.ofSeconds(120)).build();

    private AnthropicClients() {}

    /** A client for the mock, signing with SigV4 or sending a fresh short-term key. */
    public static AnthropicClient create(MantleMockInfo mock, ClientAuth auth, int maxRetries) {
        return AnthropicOkHttpClient.builder()
                .backend(backend(mock, auth))
                .maxRetries(maxRetries)
                .timeout(TEST_TIMEOUT)
                .build();
    }

    /** The backend alone, for a client built with other settings. */
    public static BedrockMantleBackend backend(MantleMockInfo mock, ClientAuth auth) {
        BedrockMantleBackend.Builder b = BedrockMantleBackend.builder().baseUrl(mock.baseUrl());
        return switch (auth) {
            case SIGV4 -> b.awsCredentialsProvider(mock.credentials()).region(Region.of(mock.region())).build();
            case BEARER -> b.apiKey(mock.shortTermKey()).build();
        };
    }
}
