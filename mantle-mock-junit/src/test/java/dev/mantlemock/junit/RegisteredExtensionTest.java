package dev.mantlemock.junit;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.RateLimitException;
import dev.mantlemock.kit.MantleMockOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings in code: @RegisterExtension with options, and the DSL called on the extension itself. */
class RegisteredExtensionTest {
    @RegisterExtension
    static final MantleMockExtension mantle = MantleMockExtension.with(MantleMockOptions.defaults().auth("strict").seed(7))
            .client(ClientAuth.BEARER).maxRetries(0);

    @Test
    void aRateLimitFaultReachesTheClientWithItsRetryAfter(AnthropicClient client) {
        mantle.stubFor(messages().willFail(rateLimited().retryAfter(3)).times(1));
        assertThatThrownBy(() -> client.messages().create(MantleMockTestAnnotationTest.ask("hi")))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("3"));
        mantle.verify(messagesRequested());
        assertThat(mantle.requests()).hasSize(1);
    }

    @Test
    void aStrictMockAcceptsTheKitsOwnBearerKey(AnthropicClient client) {
        assertThat(client.messages().create(MantleMockTestAnnotationTest.ask("hi")).content()).isNotEmpty();
    }
}
