package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import dev.mantlemock.config.CommandLine;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.testing.ScopedMock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The optional queue behaviour (AWS: Mantle may queue rather than throttle): over the quota a request
 * waits for room instead of a 429, up to a bounded wait, and waiting holds none of the server's threads.
 */
@Timeout(60)
class QueueingQuotaTest {

    private static long askInputTokens(ScopedMock mock) {
        return mock.client("count-first", 0).messages().countTokens(MessageCountTokensParams.builder()
                .model(ScopedMock.MODEL).addUserMessage("Tell me about quotas.").build()).inputTokens();
    }

    /** A window of {@code windowSeconds} holding 100 input tokens (one request of the tests), in queue mode. */
    private static void queueingQuota(MockConfig c, double windowSeconds, double maxWaitSeconds) {
        c.quota.windowSeconds = windowSeconds;
        c.quota.inputTokensPerMinute = Math.round(100 * 60 / windowSeconds);
        c.quota.onQuotaExceeded = QuotaExceeded.QUEUE;
        c.quota.maxQueueWaitSeconds = maxWaitSeconds;
    }

    @Test
    void overTheQuotaInQueueModeARequestIsAnsweredLateInsteadOfRefused() {
        try (ScopedMock mock = ScopedMock.start(c -> queueingQuota(c, 1, 5))) {
            long maxTokens = 100 - askInputTokens(mock);
            mock.client("queued", 0).messages().create(ScopedMock.ask(maxTokens));
            // No retries: only the mock's queue can turn this into an answer.
            Message second = mock.client("queued", 0).messages().create(ScopedMock.ask(maxTokens));

            assertThat(second.content()).isNotEmpty();
            assertThat(mock.journal("queued", 2)).extracting(e -> e.path("status").asInt()).containsExactly(200, 200);
            assertThat(mock.admin("GET", "/_mock/metrics", null).text())
                    .contains("mantle_mock_throttled_requests_total{quota=\"input-tokens\"} 0");
        }
    }

    @Test
    void aRequestThatWouldWaitLongerThanAllowedGetsTheUsual429() {
        // A 10 s window: room comes back only after ~10 s, far beyond a 0.2 s wait.
        try (ScopedMock mock = ScopedMock.start(c -> queueingQuota(c, 10, 0.2))) {
            long maxTokens = 100 - askInputTokens(mock);
            mock.client("too-long", 0).messages().create(ScopedMock.ask(maxTokens));
            assertThatThrownBy(() -> mock.client("too-long", 0).messages().create(ScopedMock.ask(maxTokens)))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> {
                        assertThat(e.body().toString()).contains("Too many tokens, please wait before trying again.");
                        assertThat(e.headers().values("retry-after")).isNotEmpty();
                    });
        }
    }

    @Test
    void manyWaitingRequestsHoldNoThreadSoHealthAndOtherModelsAreStillAnswered() throws Exception {
        // Waits of up to 5 s in a 4 s window that one request fills: the others wait (or give up) in the queue.
        try (ScopedMock mock = ScopedMock.start(c -> queueingQuota(c, 4, 5))) {
            long maxTokens = 100 - askInputTokens(mock);
            mock.client("fill", 0).messages().create(ScopedMock.ask(maxTokens));
            // More requests wait at once than the server has Messages workers (server.Workers.THREADS):
            // only possible if waiting holds no thread.
            int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            int waiting = workers + 8;
            ExecutorService clients = Executors.newFixedThreadPool(waiting);
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < waiting; i++) {
                queued.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        mock.client("waiting", 0).messages().create(ScopedMock.ask(maxTokens));
                        return 200;
                    } catch (RateLimitException e) {
                        return 429;
                    }
                }, clients));
            }
            awaitWaiting(mock, workers + 1);

            assertThat(mock.running().get("/_mock/health").statusCode()).isEqualTo(200);
            // Another model has its own quota: a worker is free to answer it while the others wait.
            Message other = mock.client("other", 0).messages().create(com.anthropic.models.messages.MessageCreateParams.builder()
                    .model("anthropic.claude-sonnet-5").maxTokens(50).addUserMessage("Still there?").build());
            assertThat(other.content()).isNotEmpty();

            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> f : queued) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            // One request fits per window: some are answered late, the rest get 429 once their wait is used up.
            assertThat(statuses).contains(200).containsOnly(200, 429);
            clients.shutdown();
        }
    }

    @Test
    void requestsWaitingWhenQuotasAreSwitchedOffAreAdmittedAndLeaveTheQueue() throws Exception {
        // A 20 s window one request fills: the next waits, until PUT /_mock/quotas switches quotas off.
        try (ScopedMock mock = ScopedMock.start(c -> queueingQuota(c, 20, 30))) {
            long maxTokens = 100 - askInputTokens(mock);
            mock.client("fill", 0).messages().create(ScopedMock.ask(maxTokens));
            CompletableFuture<Message> waiting = CompletableFuture.supplyAsync(
                    () -> mock.client("waits", 0).messages().create(ScopedMock.ask(maxTokens)));
            awaitWaiting(mock, 1);

            mock.admin("PUT", "/_mock/quotas", "{\"enabled\": false}");

            assertThat(waiting.get(40, TimeUnit.SECONDS).content()).isNotEmpty();
            assertThat(mock.admin("GET", "/_mock/metrics", null).text()).contains("\nmantle_mock_quota_waiting 0\n");
        }
    }

    /** Until at least {@code count} requests wait in the queue at once, as the mock's metrics say. */
    private static void awaitWaiting(ScopedMock mock, int count) throws InterruptedException {
        int most = 0;
        for (int i = 0; i < 500 && most < count; i++) {
            String metrics = mock.admin("GET", "/_mock/metrics", null).text();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^mantle_mock_quota_waiting (\\d+)$").matcher(metrics);
            most = Math.max(most, m.find() ? Integer.parseInt(m.group(1)) : 0);
            Thread.sleep(5);
        }
        assertThat(most).as("requests waiting at once").isGreaterThanOrEqualTo(count);
    }

    @Test
    void theQueueIsSetInTheYamlConfigLikeTheOtherQuotaKeys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("mock.yaml");
        java.nio.file.Files.writeString(file, "quota:\n  on-quota-exceeded: queue\n  max-queue-wait-seconds: 2\n");
        MockConfig c = CommandLine.parse("--config", file.toString());
        assertThat(c.quota.onQuotaExceeded).isEqualTo(QuotaExceeded.QUEUE);
        assertThat(c.quota.maxQueueWaitMillis()).isEqualTo(2000);
    }

    @Test
    void theQueueIsSetByFlagsAndBadValuesGetOneLineReasons() {
        MockConfig c = CommandLine.parse("--quota-exceeded", "queue", "--quota-max-queue-wait", "2.5");
        assertThat(c.quota.onQuotaExceeded).isEqualTo(QuotaExceeded.QUEUE);
        assertThat(c.quota.maxQueueWaitMillis()).isEqualTo(2500);
        assertThat(new MockConfig().quota.onQuotaExceeded).as("off by default").isEqualTo(QuotaExceeded.THROTTLE);
        assertThatThrownBy(() -> CommandLine.parse("--quota-exceeded", "wait")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'throttle' or 'queue'");
        assertThatThrownBy(() -> CommandLine.parse("--quota-max-queue-wait", "-1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("between 0 and 3600");
    }
}
