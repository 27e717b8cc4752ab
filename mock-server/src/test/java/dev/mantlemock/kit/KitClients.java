package dev.mantlemock.kit;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.mantlemock.testing.RunningMock;

/** The official SDK pointed at a kit's mock with a fresh short-term key: the client of the kit's tests. */
final class KitClients {
    private KitClients() {}

    static AnthropicClient sdk(MantleMock mock, int maxRetries) {
        return AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(mock.info().shortTermKey()).baseUrl(mock.baseUrl()).build())
                .maxRetries(maxRetries).timeout(RunningMock.TIMEOUT).build();
    }
}
