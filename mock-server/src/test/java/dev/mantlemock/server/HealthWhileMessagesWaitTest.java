package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.SelectorClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Health and the admin routes are answered while more Messages requests are in progress than Jetty has
 * threads: Messages work runs on its own bounded pool, so it can never hold every request thread.
 * Deterministic, not a speed test: every Messages request is held inside the pipeline (the server's
 * clock blocks) until health has been answered.
 */
@Timeout(90)
class HealthWhileMessagesWaitTest {
    /** More than Jetty's whole pool (250), so on a thread-per-request path none would be left. */
    private static final int HELD = 300;

    /** Blocks every reader while closed: a stage that takes as long as the test says. */
    private static final class GateClock extends Clock {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
        volatile boolean closed;

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() {
            if (closed) {
                waiting.incrementAndGet();
                try {
                    open.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }
    }

    @Test
    void healthAndAdminAnswerWhileMoreMessagesRequestsThanJettyThreadsAreInProgress() throws Exception {
        GateClock clock = new GateClock();
        try (RunningMock mock = RunningMock.start(c -> c.quota.enabled = false, clock)) {
            int port = mock.server().port();
            clock.closed = true;
            byte[] request = RawRequest.messages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":20,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            ExecutorService client = Executors.newSingleThreadExecutor(); // not the common pool: the HTTP client below needs it
            Future<SelectorClient.Outcome> held = client.submit(
                    () -> new SelectorClient(port, HELD, Duration.ofSeconds(60)).run(HELD, () -> answeredWith200(request)));
            client.shutdown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (clock.waiting.get() < Math.min(Workers.THREADS, HELD) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500); // the rest arrive and queue

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : new String[] {"/_mock/health", "/_mock/faults"}) { // quotas read the clock, which is held
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path + " while %d Messages requests are held", HELD).isEqualTo(200);
            }

            clock.open.countDown();
            SelectorClient.Outcome outcome = held.get(60, TimeUnit.SECONDS);
            assertThat(outcome.failures()).as("held Messages requests that did not end in a 200").isEmpty();
            assertThat(outcome.succeeded()).isEqualTo(HELD);
        }
    }

    private static SelectorClient.Conversation answeredWith200(byte[] request) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        return new SelectorClient.Conversation() {
            @Override
            public byte[] firstRequest() {
                return request;
            }

            @Override
            public SelectorClient.Step received(byte[] bytes, boolean closed) {
                in.writeBytes(bytes);
                RawResponse r = RawResponse.parseIfComplete(in.toByteArray());
                if (r == null) {
                    return closed ? new SelectorClient.Step.Fail("closed before a whole response") : SelectorClient.WAIT;
                }
                return r.status() == 200 ? SelectorClient.DONE : new SelectorClient.Step.Fail("status " + r.status() + ": " + r.text());
            }
        };
    }
}
