package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.ScopedMock;
import org.junit.jupiter.api.Test;

/** Quotas as a load test or a retrying client meets them, through the official Java SDK. */
class QuotasThroughSdkTest {

    /** The input tokens of {@link ScopedMock#ask}, as count_tokens reports them (count_tokens is never charged). */
    private static long askInputTokens(ScopedMock mock) {
        return mock.client("count-first", 0).messages().countTokens(MessageCountTokensParams.builder()
                .model(ScopedMock.MODEL).addUserMessage("Tell me about quotas.").build()).inputTokens();
    }

    @Test
    void overTheInputQuotaTheSdkGetsA429InTheAnthropicShapeWithRetryAfter() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.inputTokensPerMinute = 300)) {
            // The first request reserves the whole quota; what it leaves charged (input + output) blocks the second.
            long maxTokens = 300 - askInputTokens(mock);
            mock.client("shape", 0).messages().create(ScopedMock.ask(maxTokens));
            assertThatThrownBy(() -> mock.client("shape", 0).messages().create(ScopedMock.ask(maxTokens)))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.body().toString()).contains("rate_limit_error", "Too many tokens, please wait before trying again.");
                        assertThat(e.headers().values("retry-after")).singleElement()
                                .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
                        assertThat(e.headers().values("anthropic-ratelimit-input-tokens-limit")).as("off by default").isEmpty();
                        assertThat(e.requestId()).isPresent();
                    });
            assertThat(mock.admin("GET", "/_mock/metrics", null).text())
                    .contains("mantle_mock_throttled_requests_total{quota=\"input-tokens\"} 1")
                    .contains("status=\"429\",error_type=\"rate_limit_error\"} 1");
        }
    }

    @Test
    void metricsPerSecondCountEachRequestInTheSecondItArrivedSoSeveralInjectorsReadTheSameNumbers() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.inputTokensPerMinute = 300)) {
            long maxTokens = 300 - askInputTokens(mock);
            long from = System.currentTimeMillis() / 1000;
            mock.client("seconds", 0).messages().create(ScopedMock.ask(maxTokens));
            assertThatThrownBy(() -> mock.client("seconds", 0).messages().create(ScopedMock.ask(maxTokens)))
                    .isInstanceOf(RateLimitException.class);
            long to = System.currentTimeMillis() / 1000 + 1;
            JsonNode seconds = mock.admin("GET", "/_mock/metrics/seconds?from=" + from + "&to=" + to, null).json().path("seconds");
            long requests = 0;
            long answered = 0;
            long throttled = 0;
            for (JsonNode s : seconds) {
                assertThat(s.path("second").asLong()).isBetween(from, to - 1);
                requests += s.path("requests").asLong();
                answered += s.path("answered").asLong();
                throttled += s.path("throttled").asLong();
            }
            assertThat(requests).as(seconds.toString()).isEqualTo(2); // count_tokens is not a Messages request
            assertThat(answered).isEqualTo(1);
            assertThat(throttled).isEqualTo(1);
            assertThat(mock.admin("GET", "/_mock/metrics/seconds?from=soon", null).status()).isEqualTo(400);
        }
    }

    @Test
    void theSdkRetriesAThrottledRequestAfterRetryAfterAndSucceedsOnceTheWindowHasMoved() {
        // A one-second window holding 100 input tokens: the second request must wait for the first to leave it.
        try (ScopedMock mock = ScopedMock.start(c -> {
            c.quota.windowSeconds = 1;
            c.quota.inputTokensPerMinute = 6000;
        })) {
            long maxTokens = 100 - askInputTokens(mock);
            mock.client("wait", 0).messages().create(ScopedMock.ask(maxTokens));
            Message second = mock.client("wait", 2).messages().create(ScopedMock.ask(maxTokens));
            assertThat(second.content()).isNotEmpty();
            JsonNode journal = mock.journal("wait", 3);
            assertThat(journal).extracting(e -> e.path("status").asInt()).containsExactly(200, 429, 200);
        }
    }

    @Test
    void aRequestLargerThanTheWholeQuotaIsA400ThatTheSdkDoesNotRetry() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.inputTokensPerMinute = 1000)) {
            assertThatThrownBy(() -> mock.client("never", 2).messages().create(ScopedMock.ask(5000)))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.body().toString()).contains("can never be admitted"));
            assertThat(mock.journal("never", 1)).hasSize(1);
        }
    }

    @Test
    void whenTheOutputQuotaRunsOutTheAnswerStopsWithMaxTokens() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.outputTokensPerMinute = 5)) {
            Message message = mock.client("out-json", 0).messages().create(ScopedMock.ask(500));
            assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
            assertThat(message.usage().outputTokens()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aStreamIsCutWithMaxTokensWhenTheOutputQuotaRunsOutWhileItRuns() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.outputTokensPerMinute = 5)) {
            MessageAccumulator acc = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream =
                         mock.client("out-stream", 0).messages().createStreaming(ScopedMock.ask(500))) {
                stream.stream().forEach(acc::accumulate);
            }
            assertThat(acc.message().stopReason()).contains(StopReason.MAX_TOKENS);
            assertThat(acc.message().usage().outputTokens()).isLessThanOrEqualTo(5);
            JsonNode bucket = mock.admin("GET", "/_mock/quotas", null).json().path("buckets").get(0);
            assertThat(bucket.path("outputTokens").path("used").asLong()).isEqualTo(acc.message().usage().outputTokens());
        }
    }

    @Test
    void countTokensIsNeverChargedToTheTokenQuotas() {
        try (ScopedMock mock = ScopedMock.start(c -> c.quota.inputTokensPerMinute = 50)) {
            for (int i = 0; i < 5; i++) {
                mock.client("count", 0).messages().countTokens(MessageCountTokensParams.builder()
                        .model(ScopedMock.MODEL).addUserMessage("Tell me about quotas, at length.").build());
            }
            JsonNode bucket = mock.admin("GET", "/_mock/quotas", null).json().path("buckets").get(0);
            assertThat(bucket.path("inputTokens").path("used").asLong()).isZero();
        }
    }

    @Test
    void theAdminApiShowsTheChargeAndTheRefundOfTheUnusedReservation() {
        try (ScopedMock mock = ScopedMock.start(c -> { })) {
            Message m = mock.client("refund", 0).messages().create(ScopedMock.ask(1000));
            mock.journal("refund", 1);
            JsonNode bucket = mock.admin("GET", "/_mock/quotas", null).json().path("buckets").get(0);
            assertThat(bucket.path("inputTokens").path("used").asLong())
                    .isEqualTo(m.usage().inputTokens() + m.usage().outputTokens());
            assertThat(bucket.path("outputTokens").path("used").asLong()).isEqualTo(m.usage().outputTokens());
        }
    }
}
