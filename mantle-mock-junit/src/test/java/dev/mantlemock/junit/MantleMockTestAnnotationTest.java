package dev.mantlemock.junit;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.kit.MantleMock;
import dev.mantlemock.kit.MantleMockInfo;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A class-level @MantleMockTest: one mock, injected, reset between tests, its URL in the system property. */
@MantleMockTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MantleMockTestAnnotationTest {
    static final String MODEL = "anthropic.claude-haiku-4-5";
    static int firstPort;

    static MessageCreateParams ask(String question) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(128).addUserMessage(question).build();
    }

    @Test
    @Order(1)
    void theInjectedSdkClientReachesTheMockWithSigV4(MantleMock mock, AnthropicClient client) {
        firstPort = mock.port();
        mock.stubFor(messages().withLastUserMessageContaining("ping").willReturn(text("pong")));
        assertThat(client.messages().create(ask("ping")).content().get(0).asText().text()).isEqualTo("pong");
        mock.verify(1, messagesRequested().withModel(MODEL));
        assertThat(mock.requests().get(0).header("authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("AWS4-HMAC-SHA256"));
    }

    @Test
    @Order(2)
    void theNextTestStartsCleanOnTheSameMock(MantleMock mock, AnthropicClient client) {
        assertThat(mock.port()).isEqualTo(firstPort);
        assertThat(mock.requests()).isEmpty();
        assertThat(client.messages().create(ask("ping")).content().get(0).asText().text()).isNotEqualTo("pong");
    }

    @Test
    @Order(3)
    void codeThatReadsTheBaseUrlVariableFindsTheMockInTheSystemProperty(MantleMockInfo info) {
        assertThat(System.getProperty(MantleMockExtension.BASE_URL_PROPERTY)).isEqualTo(info.baseUrl());
        assertThat(info.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/anthropic");
        assertThat(info.shortTermKey()).startsWith("bedrock-api-key-");
        assertThat(info.toString()).doesNotContain(info.secretAccessKey());
    }

    @Test
    @Order(4)
    @MantleMockTest(client = ClientAuth.BEARER, profile = "ga")
    void aMethodAnnotatedItselfGetsAMockOfItsOwnAndABearerClient(MantleMock mock, AnthropicClient client) {
        assertThat(mock.port()).isNotEqualTo(firstPort);
        client.messages().create(ask("hello"));
        mock.verify(1, messagesRequested()); // waits for the journal entry, written as the response completes
        assertThat(mock.requests().get(0).header("authorization")).hasValue("Bearer <redacted>");
    }
}
