package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.SelectorClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Health latency while 500 streams of the largest answer (opus, max_tokens 128000) are written at once,
 * against a baseline taken in the same run: relative, so a busy machine moves both. It once took 6 to
 * over 10 s, queued behind Messages work on every Jetty thread. Prints the figures BENCHMARKS.md records.
 */
@Timeout(240)
class HealthUnderLoadIT {
    private static final int STREAMS = 500;
    private static final byte[] LARGEST = RawRequest.messages("{\"model\":\"anthropic.claude-opus-4-7\",\"max_tokens\":128000,"
            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story.\"}]}");

    @Test
    void healthAnswersWhileFiveHundredLargestStreamsAreWritten() throws Exception {
        try (RunningMock mock = RunningMock.start(c -> c.quota.enabled = false)) {
            run(mock, 50).get(120, TimeUnit.SECONDS); // warm-up: the JIT compiles the stream path first
            long[] baseline = latencies(mock, 20);
            Future<SelectorClient.Outcome> load = run(mock, STREAMS);
            Thread.sleep(300);
            long[] loaded = latencies(mock, 30);
            SelectorClient.Outcome outcome = load.get(180, TimeUnit.SECONDS);
            System.out.printf("health latency (ms), %d streams of max_tokens 128000: baseline p50 %d p90 %d max %d; "
                    + "under load p50 %d p90 %d max %d; streams completed %d of %d%n", STREAMS,
                    pct(baseline, 50), pct(baseline, 90), pct(baseline, 100), pct(loaded, 50), pct(loaded, 90), pct(loaded, 100),
                    outcome.succeeded(), STREAMS);
            assertThat(outcome.failures()).isEmpty();
            assertThat(pct(loaded, 90)).as("p90 of health under load, against 10x the baseline median")
                    .isLessThanOrEqualTo(10 * Math.max(10, pct(baseline, 50)));
        }
    }

    private static Future<SelectorClient.Outcome> run(RunningMock mock, int streams) {
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<SelectorClient.Outcome> f = client.submit(() -> new SelectorClient(mock.server().port(), streams, Duration.ofSeconds(170))
                .run(streams, () -> new SelectorClient.Conversation() {
                    String tail = "";

                    @Override
                    public byte[] firstRequest() {
                        return LARGEST;
                    }

                    @Override
                    public SelectorClient.Step received(byte[] bytes, boolean closed) {
                        String s = tail + new String(bytes, StandardCharsets.ISO_8859_1);
                        if (s.contains("message_stop")) {
                            return SelectorClient.DONE;
                        }
                        if (closed) {
                            return new SelectorClient.Step.Fail("closed before message_stop");
                        }
                        tail = s.substring(Math.max(0, s.length() - 20));
                        return SelectorClient.WAIT;
                    }
                }));
        client.shutdown();
        return f;
    }

    private static long[] latencies(RunningMock mock, int n) throws Exception {
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            assertThat(mock.get("/_mock/health").statusCode()).isEqualTo(200);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            Thread.sleep(100);
        }
        return ms;
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
