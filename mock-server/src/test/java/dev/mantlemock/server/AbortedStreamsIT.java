package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.JvmResources;
import dev.mantlemock.testing.JvmResources.Threads;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.SelectorClient;
import dev.mantlemock.testing.SelectorClient.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand clients that vanish mid-stream, as crashed or killed clients do: each gets its 200 and a
 * first event, then resets the connection. The streams are paced to last minutes, so only noticing the
 * reset can end them in time. Afterwards the mock must hold no stream, timer task, extra thread or
 * memory for any of them.
 *
 * <p>A failsafe test, run by {@code mvn verify}: it takes tens of seconds, and in a JVM of its own the
 * heap it measures is the mock's rather than that of the unit tests before it.
 */
class AbortedStreamsIT {
    /** The warm-up also fills the request journal (1,000 entries by default), so the baseline includes it. */
    private static final int WARM_UP = 1_000;
    private static final int STREAMS = 10_000;
    /** Streams opened and not yet reset at once: well under the accept queue and the open-file limit. */
    private static final int AT_ONCE = 500;
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

    private static final String REQUEST = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":4096,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";

    /** 50 deltas of about 4 tokens at 2 tokens/s: a delta every 2 s, 100 s to the end; few deltas keep each stream cheap to set up. */
    private static String longStoryFixture() {
        return "{\"name\":\"long-story\",\"match\":{\"scenario\":\"long-story\",\"stream\":true},"
                + "\"response\":{\"content\":[{\"type\":\"text\",\"text\":\"" + "benchmarkwords ".repeat(50).trim() + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"output_tokens\":200}},"
                + "\"timing\":{\"tokens-per-second\":2}}";
    }

    @Test
    void tenThousandAbortedStreamsLeaveNoThreadTimerOrMemoryBehind(@TempDir Path fixtures) throws Exception {
        Files.writeString(fixtures.resolve("long-story.json"), longStoryFixture());
        Threads before = Threads.now();
        // quotas off: 11,000 requests of max_tokens 4096 in a minute would rightly be refused, and this test is about connections
        try (RunningMock mock = RunningMock.start(c -> {
                c.fixtures = fixtures.toString();
                c.quota.enabled = false;
            })) {
            Outcome warmUp = abandon(mock, WARM_UP);
            assertThat(warmUp.failures()).as("warm-up failures").isEmpty();
            awaitNothingOpen(mock);
            long baseline = JvmResources.liveHeapBytes();

            Outcome outcome = abandon(mock, STREAMS);

            assertThat(outcome.failures()).as("streams that did not get a 200 and a first event").isEmpty();
            assertThat(outcome.succeeded()).as("streams aborted after their first event").isEqualTo(STREAMS);
            awaitNothingOpen(mock);
            assertThat(mock.server().controls().metrics().openStreamCount()).as("open-streams gauge").isZero();
            assertThat(mock.server().pendingPacerTasks()).as("pacing delays left on the timer").isZero();

            Threads after = Threads.now();
            long growth = JvmResources.liveHeapBytes() - baseline;
            System.out.printf("%,d aborted streams: live heap %+,d KB over a %,d KB baseline; threads before %s, after %s, JVM peak %d%n",
                    STREAMS, growth / 1024, baseline / 1024, before, after, outcome.peakJvmThreads());
            // Jetty's pool may grow under the burst, up to its fixed maximum; what must not happen is a thread per stream
            assertThat(outcome.peakJvmThreads() - before.total()).as("threads added at the peak of the run")
                    .isLessThanOrEqualTo(JvmResources.JETTY_POOL_MAX + 2 + 10);
            assertThat(after.jettyPool() - before.jettyPool()).as("Jetty pool threads added").isLessThanOrEqualTo(JvmResources.JETTY_POOL_MAX);
            assertThat(after.pacers() - before.pacers()).as("stream-pacer threads added").isLessThanOrEqualTo(2);
            assertThat(after.others() - before.others()).as("other threads added").isLessThan(10);
            assertThat(growth).as("live heap growth over the warmed-up baseline (bytes)").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(mock.get("/_mock/health").statusCode()).isEqualTo(200);
        }
    }

    /** Opens {@code count} streams, {@link #AT_ONCE} at a time, each reset once its first event has arrived. */
    private static Outcome abandon(RunningMock mock, int count) throws Exception {
        byte[] request = RawRequest.messages(REQUEST, "x-mock-scenario", "long-story");
        return new SelectorClient(mock.server().port(), AT_ONCE, Duration.ofMinutes(3)).run(count, () -> new SelectorClient.Conversation() {
            @Override
            public byte[] firstRequest() {
                return request;
            }

            @Override
            public SelectorClient.Step received(byte[] bytes, boolean closed) {
                if (bytes.length >= 12 && RawResponse.indexOf(bytes, "HTTP/1.1 200", 0) != 0) {
                    return new SelectorClient.Step.Fail("answered " + SelectorClient.preview(bytes));
                }
                byte[] body = RawResponse.bodySoFar(bytes);
                int event = body == null ? -1 : RawResponse.indexOf(body, "event: ", 0);
                boolean firstEventWhole = event >= 0 && RawResponse.indexOf(body, "\n\n", event) > 0;
                return firstEventWhole ? SelectorClient.RESET : SelectorClient.WAIT;
            }
        });
    }

    /** Waits (a minute at most; each stream would run 100 s on its own) until no stream and no pacing delay is left. */
    private static void awaitNothingOpen(RunningMock mock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((mock.server().controls().metrics().openStreamCount() > 0 || mock.server().pendingPacerTasks() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
