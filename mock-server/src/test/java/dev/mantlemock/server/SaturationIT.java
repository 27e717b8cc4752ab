package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.testing.JvmResources;
import dev.mantlemock.testing.JvmResources.Threads;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.SelectorClient;
import dev.mantlemock.testing.SelectorClient.Outcome;
import dev.mantlemock.testing.SelectorClient.Step;
import dev.mantlemock.testing.Sse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a new user does first with a mock: point a load generator at it with far more clients than it
 * has threads, and see whether it degrades by slowing down or by failing. Two thousand connections at
 * once (Jetty's pool has 250 threads), each sending three requests, streaming and not, on keep-alive.
 * Quotas stay at their defaults, except that a quarter of the clients ask for a model held to 100
 * requests a minute, so the flood meets the 429 path too. Every request must get a whole, well-formed
 * answer: a Message, a complete stream, or a 429 {@code rate_limit_error} with {@code retry-after}. No
 * 5xx, no reset, no refused connection, no thread per client, and the mock still answers afterwards.
 */
class SaturationIT {
    private static final int CLIENTS = 2_000;
    private static final int REQUESTS_PER_CLIENT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String THROTTLED_MODEL = "anthropic.claude-opus-4-7";

    private static byte[] request(String model, boolean stream) {
        return RawRequest.messages("{\"model\":\"" + model + "\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Are you still there under all this load?\"}]}");
    }

    @Test
    void twoThousandClientsAtOnceAllGetWholeAnswersAndTheMockStaysUp() throws Exception {
        Threads before = Threads.now();
        try (RunningMock mock = RunningMock.start(c -> c.quota.overrides.add(new QuotaConfig.Override(null, THROTTLED_MODEL, null, null, 100L)))) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            int[] next = {0};

            Outcome outcome = new SelectorClient(mock.server().port(), CLIENTS, Duration.ofMinutes(3)).run(CLIENTS, () -> {
                int i = next[0]++;
                return new Client(i % 4 == 3 ? THROTTLED_MODEL : RunningMock.MODEL, i % 2 == 1, statuses);
            });

            Threads after = Threads.now();
            System.out.printf("%,d clients x %d requests: statuses %s; threads before %s, after %s, JVM peak %d%n",
                    CLIENTS, REQUESTS_PER_CLIENT, statuses, before, after, outcome.peakJvmThreads());
            assertThat(outcome.failures()).as("answers that were cut, malformed, 5xx, reset or refused").isEmpty();
            assertThat(outcome.succeeded()).isEqualTo(CLIENTS);
            assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
            // 100 a minute for 1,500 requests: whatever the machine's speed, 429s come
            assertThat(statuses.keySet()).as("statuses").containsExactly(200, 429);
            assertThat(outcome.peakJvmThreads() - before.total()).as("threads added at the peak of the run")
                    .isLessThanOrEqualTo(JvmResources.JETTY_POOL_MAX + 2 + 10);
            assertThat(after.jettyPool() - before.jettyPool()).as("Jetty pool threads added").isLessThanOrEqualTo(JvmResources.JETTY_POOL_MAX);
            assertThat(after.others() - before.others()).as("other threads added").isLessThan(10);
            assertThat(mock.get("/_mock/health").statusCode()).as("health after the flood").isEqualTo(200);
            assertThat(mock.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":20,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"and now?\"}]}").statusCode()).as("a request after the flood").isIn(200, 429);
        }
    }

    /** One client: three requests in turn on one connection, alternating streaming and not. */
    private static final class Client implements SelectorClient.Conversation {
        private final byte[] message;
        private final byte[] streamed;
        private final Map<Integer, Integer> statuses;
        private boolean stream;
        private int sent;

        Client(String model, boolean streamFirst, Map<Integer, Integer> statuses) {
            this.message = request(model, false);
            this.streamed = request(model, true);
            this.stream = !streamFirst;
            this.statuses = statuses;
        }

        private byte[] next() {
            stream = !stream;
            sent++;
            return stream ? streamed : message;
        }

        @Override
        public byte[] firstRequest() {
            return next();
        }

        @Override
        public Step received(byte[] bytes, boolean closed) {
            RawResponse response;
            String problem;
            try {
                response = RawResponse.parseIfComplete(bytes);
                if (response == null) {
                    return SelectorClient.WAIT;
                }
                problem = problemWith(response, stream);
            } catch (RuntimeException | AssertionError e) {
                return new Step.Fail("malformed answer (" + e.getMessage() + "): " + SelectorClient.preview(bytes));
            }
            if (problem != null) {
                return new Step.Fail(problem + ": " + SelectorClient.preview(bytes));
            }
            statuses.merge(response.status(), 1, Integer::sum);
            if (sent == REQUESTS_PER_CLIENT) {
                return SelectorClient.DONE;
            }
            // the server may close a connection after an answer, if it says so; then the client opens another
            return "close".equalsIgnoreCase(response.header("connection")) ? new Step.Reconnect(next()) : new Step.Send(next());
        }
    }

    /** Null for a whole, well-formed answer of the kind asked for; else what is wrong with it. */
    static String problemWith(RawResponse response, boolean stream) {
        String type = String.valueOf(response.header("content-type"));
        if (response.status() == 429) {
            JsonNode body = json(response);
            if (!"error".equals(body.path("type").asText()) || !"rate_limit_error".equals(body.path("error").path("type").asText())) {
                return "a 429 without the rate_limit_error envelope";
            }
            return response.header("retry-after") == null ? "a 429 without retry-after" : null;
        }
        if (response.status() != 200) {
            return "status " + response.status();
        }
        if (stream) {
            if (!type.startsWith("text/event-stream")) {
                return "a stream answered as " + type;
            }
            List<String> names = Sse.names(Sse.parse(response.text()));
            return names.get(0).equals("message_start") && names.get(names.size() - 1).equals("message_stop")
                    ? null : "a stream that does not run from message_start to message_stop: " + names;
        }
        JsonNode message = json(response);
        return "message".equals(message.path("type").asText()) && message.path("content").size() > 0
                && message.path("usage").has("output_tokens") ? null : "not a whole Message";
    }

    private static JsonNode json(RawResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("body is not JSON", e);
        }
    }
}
