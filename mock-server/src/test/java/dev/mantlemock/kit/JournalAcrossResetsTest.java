package dev.mantlemock.kit;

import static dev.mantlemock.kit.MantleMockDsl.droppedConnection;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.testing.RunningMock;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A test's journal holds its own requests and no one else's: what the client has received or abandoned
 * is journalled by the time the client has it, and nothing that entered before a reset shows after it,
 * however late its exchange ends (a stream the client closed early ends only when the mock next writes).
 */
class JournalAcrossResetsTest {
    private static final int ROUNDS = 200;
    private static final String LONG_ANSWER = "The forecast for Paris this week is mild and mostly sunny. ".repeat(40);

    private static final MantleMock mock = MantleMock.start();
    private static final AnthropicClient client = KitClients.sdk(mock, 0);

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    /** The four ways a test's last exchange ends: each leaves exactly one request, then a reset. */
    enum LastExchange {
        STREAM_CLOSED_EARLY {
            @Override
            void run() {
                // Paced, so the mock is still writing when the client walks away after the first event.
                mock.stubFor(messages().willReturn(text(LONG_ANSWER).streamed(0, 4_000)));
                try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("a long story"))) {
                    Iterator<RawMessageStreamEvent> events = stream.stream().iterator();
                    assertThat(events.next().isMessageStart()).isTrue();
                }
            }
        },
        FULLY_READ {
            @Override
            void run() {
                mock.stubFor(messages().willReturn(text("Sunny.")));
                assertThat(client.messages().create(params("weather?")).content()).isNotEmpty();
            }
        },
        DROPPED_CONNECTION {
            @Override
            void run() {
                mock.stubFor(messages().willFail(droppedConnection().afterEvents(3)));
                assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("a story"))) {
                        stream.stream().forEach(event -> {});
                    }
                }).isInstanceOf(AnthropicException.class);
            }
        },
        FAULT {
            @Override
            void run() {
                mock.stubFor(messages().willFail(overloaded()));
                assertThatThrownBy(() -> client.messages().create(params("weather?"))).isInstanceOf(AnthropicException.class);
            }
        };

        abstract void run();
    }

    @Test
    void noRequestOutlivesTheResetThatFollowsIt() {
        for (int round = 0; round < ROUNDS; round++) {
            for (LastExchange last : LastExchange.values()) {
                last.run();
                mock.reset(); // at once, as the next test's reset comes: the exchange may not have ended yet
                String probe = "probe " + round;
                client.messages().create(params(probe));
                awaitNoOpenStream();

                List<RecordedRequest> journal = mock.requests();
                assertThat(journal).as("round %d, after %s and a reset", round, last)
                        .singleElement().satisfies(r -> assertThat(r.lastMessageText()).isEqualTo(probe));
                mock.reset();
            }
        }
    }

    @Test
    void aRequestIsInTheJournalByTheTimeTheClientHasItsAnswerOrHasWalkedAway() {
        for (int round = 0; round < ROUNDS; round++) {
            for (LastExchange last : LastExchange.values()) {
                last.run();
                // Read without waiting for the exchange to end: it may be pending, but it is there.
                assertThat(mock.server().controls().journal().entries(null, 10)).as("round %d, %s", round, last).hasSize(1);
                assertThat(mock.requests()).as("round %d, %s, once settled", round, last)
                        .singleElement().satisfies(r -> assertThat(r.isPending()).isFalse());
                mock.reset();
            }
        }
    }

    private static MessageCreateParams params(String question) {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(1024).addUserMessage(question).build();
    }

    /** Until the streams of the rounds before have ended, so a late journal entry would already be there. */
    private static void awaitNoOpenStream() {
        JournalWait.until(() -> mock.server().controls().metrics().openStreamCount(), open -> open == 0);
        assertThat(mock.server().controls().metrics().openStreamCount()).as("streams still open").isZero();
    }
}
