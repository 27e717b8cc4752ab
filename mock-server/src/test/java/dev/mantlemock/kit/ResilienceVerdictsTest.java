package dev.mantlemock.kit;

import static dev.mantlemock.kit.MantleMockDsl.droppedConnection;
import static dev.mantlemock.kit.MantleMockDsl.error;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.rateLimited;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.testing.RunningMock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on a client's resilience, each tested twice: the official SDK passes it, a naive client (an
 * HttpClient loop that retries everything at once and takes whatever a stream gave) fails it, and the
 * message names the verdict. Every verdict is read from the instants the mock recorded, never from the
 * test's clock; where the naive client must fail on time, the margin is seconds, not milliseconds.
 */
class ResilienceVerdictsTest {
    private static final String MODEL = RunningMock.MODEL;
    private static final MantleMock mock = MantleMock.start();
    private static final AnthropicClient sdk = KitClients.sdk(mock, 2);
    private static final NaiveClient naive = new NaiveClient();

    @AfterAll
    static void stop() {
        sdk.close();
        mock.close();
    }

    @BeforeEach
    void cleanState() {
        mock.reset();
    }

    private static MessageCreateParams ask(String text) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(200).addUserMessage(text).build();
    }

    // --- The official SDK passes every verdict

    @Test
    void theSdkWaitsForRetryAfterAfterA429() {
        mock.stubFor(messages().willReturn(text("ok")));
        mock.stubFor(messages().willFail(rateLimited().retryAfter(1)).times(1));

        sdk.messages().create(ask("hi"));

        passes(ResilienceReport.RETRY_AFTER);
    }

    @Test
    void theSdkRetriesA529WithBackoffWithinItsBound() {
        mock.stubFor(messages().willFail(overloaded())); // every time: the SDK gives up after its 2 retries

        assertThatThrownBy(() -> sdk.messages().create(ask("hi"))).isInstanceOf(AnthropicException.class);

        assertThat(mock.requests()).hasSize(3);
        passes(ResilienceReport.BACKOFF);
    }

    @Test
    void theSdkNeverRetriesA400() {
        mock.stubFor(messages().willReturn(error("invalid_request_error", "bad")).then(text("ok")));

        assertThatThrownBy(() -> sdk.messages().create(ask("hi"))).isInstanceOf(AnthropicException.class);

        passes(ResilienceReport.NO_RETRY_OF_CLIENT_ERRORS);
    }

    @Test
    void theSdkHonoursXShouldRetryFalse() {
        mock.stubFor(messages().willReturn(error(529, "overloaded_error", "busy").withHeader("x-should-retry", "false")).then(text("ok")));

        assertThatThrownBy(() -> sdk.messages().create(ask("hi"))).isInstanceOf(AnthropicException.class);

        passes(ResilienceReport.SHOULD_RETRY_FALSE);
    }

    @Test
    void codeOnTheSdkAsksAgainAfterACutStream() {
        mock.stubFor(messages().willReturn(text("Paris will be sunny all week, with light winds.")));
        mock.stubFor(messages().willFail(droppedConnection().afterEvents(4)).times(1));
        MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(200).addUserMessage("Paris?").build();

        assertThatThrownBy(() -> readStream(params)).isInstanceOf(RuntimeException.class); // the SDK reports the cut
        assertThat(readStream(params)).isEqualTo("Paris will be sunny all week, with light winds."); // and the caller asks again

        passes(ResilienceReport.CUT_STREAM);
    }

    private static String readStream(MessageCreateParams params) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(params)) {
            events.stream().forEach(e -> e.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> text.append(t.text())));
        }
        return text.toString();
    }

    private static void passes(String verdict) {
        ResilienceReport report = mock.resilienceReport();
        assertThat(report.verdicts()).filteredOn(v -> v.name().equals(verdict)).singleElement()
                .satisfies(v -> assertThat(v.judged()).isPositive());
        mock.assertClientWasResilient();
    }

    // --- A naive client fails each, and the message names it

    @Test
    void aNaiveClientRetriesA429AtOnceAndFailsTheRetryAfterVerdict() {
        mock.stubFor(messages().willReturn(text("ok")));
        mock.stubFor(messages().willFail(rateLimited().retryAfter(5)).times(1));

        naive.send(body("hi", false));

        fails(ResilienceReport.RETRY_AFTER, "got a 429 with retry-after 5 s");
    }

    @Test
    void aNaiveClientHammersA529PastAnyBoundAndFailsTheBackoffVerdict() {
        mock.stubFor(messages().willFail(overloaded()));

        naive.send(body("hi", false));

        fails(ResilienceReport.BACKOFF, "was sent 6 times, more than the bound of 5 attempts");
    }

    @Test
    void aNaiveClientRetriesA400AndFailsTheClientErrorVerdict() {
        mock.stubFor(messages().willReturn(error("invalid_request_error", "bad")).then(text("ok")));

        naive.send(body("hi", false));

        fails(ResilienceReport.NO_RETRY_OF_CLIENT_ERRORS, "the 400 invalid_request_error of request");
    }

    @Test
    void aNaiveClientIgnoresXShouldRetryFalseAndFailsThatVerdict() {
        mock.stubFor(messages().willReturn(error(529, "overloaded_error", "busy").withHeader("x-should-retry", "false")).then(text("ok")));

        naive.send(body("hi", false));

        fails(ResilienceReport.SHOULD_RETRY_FALSE, "said x-should-retry: false");
    }

    @Test
    void aNaiveClientTakesACutStreamAsCompleteAndFailsThatVerdict() {
        mock.stubFor(messages().willReturn(text("Paris will be sunny all week, with light winds.")));
        mock.stubFor(messages().willFail(droppedConnection().afterEvents(4)).times(1));

        String partial = naive.send(body("Paris?", true));
        naive.send(followUp("Paris?", partial, "Thanks!"));

        fails(ResilienceReport.CUT_STREAM, "the partial answer was taken as complete");
    }

    /**
     * The verdict is among the failed ones. A cut may reach the client as a reset, which can drop the events it
     * had not read yet: the naive client then sends an empty partial answer, gets a 400 and retries it, failing
     * a second verdict too (seen under the full suite). The verdict under test fails either way; the others are
     * not its business.
     */
    private static void fails(String verdict, String detail) {
        assertThatThrownBy(mock::assertClientWasResilient).isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s)the client was not resilient: it failed [^\\n]*'" + java.util.regex.Pattern.quote(verdict) + "'.*")
                .hasMessageContaining(detail);
    }

    private static String body(String question, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":200,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    }

    private static String followUp(String question, String answer, String next) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"" + question
                + "\"},{\"role\":\"assistant\",\"content\":\"" + answer.replace("\"", "\\\"") + "\"},{\"role\":\"user\",\"content\":\""
                + next + "\"}]}";
    }

    /** Retries any failure at once, up to 6 attempts, reads no header, and returns whatever text arrived. */
    private static final class NaiveClient {
        private final HttpClient http = HttpClient.newHttpClient();

        String send(String body) {
            for (int attempt = 1; attempt <= 6; attempt++) {
                try {
                    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v1/messages"))
                            .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                            .header("authorization", "Bearer " + mock.info().shortTermKey())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
                    String text = readAll(r.body());
                    if (r.statusCode() == 200) {
                        return text;
                    }
                } catch (IOException e) {
                    // try again at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
            return "";
        }

        /** The text deltas of a stream (or the whole JSON), up to wherever the connection ended. */
        private static String readAll(java.io.InputStream in) {
            StringBuilder text = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    int at = line.indexOf("\"text\":\"");
                    if (at >= 0) {
                        text.append(line, at + 8, line.indexOf('"', at + 8));
                    }
                }
            } catch (IOException cut) {
                // a naive client keeps what it got
            }
            return text.toString();
        }
    }
}
