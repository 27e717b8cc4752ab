package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** First-party style rate-limit headers are unknown for Mantle: off by default, on every answer when switched on. */
class RateLimitHeadersOnSuccessTest {
    private static final String BODY =
            "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void successfulAnswersCarryNoRateLimitHeadersByDefault() {
        try (RunningMock mock = RunningMock.start()) {
            HttpResponse<String> r = mock.postMessages(BODY);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.startsWith("anthropic-ratelimit-"));
        }
    }

    @Test
    void whenSwitchedOnJsonAndStreamedAnswersCarryTheRemainingBudget() {
        try (RunningMock mock = RunningMock.start(c -> c.quota.rateLimitHeaders = true)) {
            HttpResponse<String> json = mock.postMessages(BODY);
            HttpResponse<String> stream = mock.postMessages(BODY.replaceFirst("\\{", "{\"stream\":true,"));

            assertThat(json.headers().firstValue("anthropic-ratelimit-input-tokens-limit")).contains("2000000");
            long remaining = Long.parseLong(json.headers().firstValue("anthropic-ratelimit-input-tokens-remaining").orElseThrow());
            assertThat(remaining).isLessThanOrEqualTo(2_000_000 - 100);
            assertThat(stream.headers().firstValue("anthropic-ratelimit-input-tokens-remaining")).isPresent();
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        }
    }
}
