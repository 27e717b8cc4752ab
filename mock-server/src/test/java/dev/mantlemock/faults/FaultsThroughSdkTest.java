package dev.mantlemock.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.GatewayTimeoutException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.ScopedMock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every fault kind as a user's code sees it: through the official Java SDK and its retries. */
class FaultsThroughSdkTest {
    private static ScopedMock mock;

    @BeforeAll
    static void start() {
        mock = ScopedMock.start(c -> { });
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static void addRule(String json) {
        assertThat(mock.admin("POST", "/_mock/faults", json).status()).isEqualTo(201);
    }

    /** Statuses of one test's requests as journalled, once {@code expected} of them are there. */
    private static List<Integer> statuses(String testId, int expected) {
        List<Integer> out = new ArrayList<>();
        mock.journal(testId, expected).forEach(e -> out.add(e.path("status").asInt()));
        return out;
    }

    private static List<RawMessageStreamEvent> streamAll(AnthropicClient client, MessageAccumulator acc) {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ScopedMock.ask(200))) {
            stream.stream().forEach(e -> {
                events.add(e);
                acc.accumulate(e);
            });
        }
        return events;
    }

    @Test
    void failTheNextTwoThenSucceedIsASuccessAfterThreeAttempts() {
        addRule("{\"kind\":\"overloaded\",\"times\":2,\"testId\":\"next-two\"}");
        Message message = mock.client("next-two", 2).messages().create(ScopedMock.ask(50));
        assertThat(message.content()).isNotEmpty();
        assertThat(statuses("next-two", 3)).containsExactly(529, 529, 200);
        JsonNode third = mock.journal("next-two").get(2);
        assertThat(third.path("headers").path("x-stainless-retry-count").get(0).asText()).isEqualTo("2");
    }

    private static <T extends AnthropicServiceException> void failsWith(String fault, Class<T> type, int status, String errorType,
                                                                        String message) {
        AnthropicClient client = mock.client("kind-" + fault, 0, fault);
        assertThatThrownBy(() -> client.messages().create(ScopedMock.ask(10)))
                .isInstanceOfSatisfying(type, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.body().toString()).contains(errorType, message);
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void eachErrorFaultReachesTheSdkAsItsOwnExceptionInTheAnthropicEnvelope() {
        failsWith("overloaded", OverloadedException.class, 529, "overloaded_error", "Overloaded");
        failsWith("api_error", InternalServerException.class, 500, "api_error", "Internal server error");
        failsWith("timeout", GatewayTimeoutException.class, 504, "timeout_error", "Request timed out");
        failsWith("rate_limit", RateLimitException.class, 429, "rate_limit_error", "Too many tokens");
    }

    @Test
    void theSdkRetriesEveryErrorFaultTwiceByDefault() {
        for (String fault : List.of("overloaded", "api_error", "timeout", "rate_limit;retry_after=0")) {
            String testId = "retries-" + fault.replace(';', '-').replace('=', '-');
            assertThatThrownBy(() -> mock.client(testId, 2, fault).messages().create(ScopedMock.ask(10)))
                    .isInstanceOf(AnthropicServiceException.class);
            assertThat(statuses(testId, 3)).as(fault).hasSize(3);
        }
    }

    @Test
    void aMidStreamErrorEventIsAnSseExceptionAfterA200Began() {
        AnthropicClient client = mock.client("stream-error", 0, "stream_error;after=3");
        List<RawMessageStreamEvent> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ScopedMock.ask(200))) {
                stream.stream().forEach(seen::add);
            }
        }).isInstanceOfSatisfying(SseException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.body().toString()).contains("overloaded_error");
        });
        // "after=3" counts events on the wire; a ping among them is not handed to the caller.
        assertThat(seen).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(seen.get(0).isMessageStart()).isTrue();
        assertThat(statuses("stream-error", 1)).containsExactly(200);
    }

    @Test
    void aDroppedConnectionMidStreamIsAnErrorOnTheClient() {
        AnthropicClient client = mock.client("drop", 0, "drop_connection;after=3");
        List<RawMessageStreamEvent> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ScopedMock.ask(200))) {
                stream.stream().forEach(seen::add);
            }
        }).isInstanceOf(RuntimeException.class);
        assertThat(seen).hasSizeLessThanOrEqualTo(3).noneMatch(RawMessageStreamEvent::isMessageStop);
    }

    @Test
    void aTruncatedStreamEndsWithoutMessageStopAndTheAccumulatorNoticesNothingIsComplete() {
        MessageAccumulator acc = MessageAccumulator.create();
        List<RawMessageStreamEvent> events = streamAll(mock.client("truncate", 0, "truncate;after=4"), acc);
        assertThat(events).isNotEmpty().hasSizeLessThanOrEqualTo(4).noneMatch(RawMessageStreamEvent::isMessageStop);
        assertThatThrownBy(acc::message).isInstanceOf(RuntimeException.class);
    }

    @Test
    void latencyDelaysTheAnswer() {
        long start = System.nanoTime();
        mock.client("latency", 0, "latency;ms=400").messages().create(ScopedMock.ask(10));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aSlowStreamIsPacedAtTheGivenSpeed() {
        long start = System.nanoTime();
        MessageAccumulator acc = MessageAccumulator.create();
        streamAll(mock.client("slow", 0, "slow_stream;tps=100;ttft=200"), acc);
        long tokens = acc.message().usage().outputTokens();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isGreaterThanOrEqualTo(200 + tokens * 1000 / 100 / 2);
    }

    @Test
    void aRuleScopedToOneTestDoesNotDisturbAnotherRunningAtTheSameTime() throws Exception {
        addRule("{\"kind\":\"api_error\",\"testId\":\"noisy\"}");
        CompletableFuture<Message> quiet = CompletableFuture.supplyAsync(() -> mock.client("quiet", 0).messages().create(ScopedMock.ask(10)));
        assertThatThrownBy(() -> mock.client("noisy", 0).messages().create(ScopedMock.ask(10))).isInstanceOf(InternalServerException.class);
        assertThat(quiet.get().content()).isNotEmpty();
        assertThat(statuses("quiet", 1)).containsExactly(200);
        assertThat(statuses("noisy", 1)).containsExactly(500);
        mock.admin("DELETE", "/_mock/faults?testId=noisy", null);
        assertThat(mock.client("noisy", 0).messages().create(ScopedMock.ask(10)).content()).isNotEmpty();
    }

    @Test
    void aProbabilisticRuleFailsAboutThatShareOfRequests() {
        addRule("{\"kind\":\"overloaded\",\"probability\":0.5,\"seed\":3,\"testId\":\"coin\"}");
        AnthropicClient client = mock.client("coin", 0);
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            try {
                client.messages().create(ScopedMock.ask(5));
            } catch (OverloadedException e) {
                failures++;
            }
        }
        assertThat(failures).isBetween(4, 16);
        assertThat(mock.admin("GET", "/_mock/faults?testId=coin", null).json().path("rules").get(0).path("fired").asInt())
                .isEqualTo(failures);
    }
}
