package dev.mantlemock.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mantlemock.kit.MantleMock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Tests run in parallel get a mock each: a stub, a fault rule or a journal entry of one is never seen by
 * another. Proved by running a class in JUnit's parallel mode, its tests held together until all have started.
 */
class ParallelIsolationTest {
    static final int TESTS = 4;
    static final CountDownLatch allStarted = new CountDownLatch(TESTS);
    static final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    static final Map<String, Integer> seen = new ConcurrentHashMap<>();

    @Test
    void concurrentTestsEachHaveTheirOwnMockAndSeeOnlyTheirOwnRequests() {
        var results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(TESTS)))
                .selectors(selectClass(Concurrent.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.started(TESTS).succeeded(TESTS));
        assertThat(ports).hasSize(TESTS);
        assertThat(seen).hasSize(TESTS).allSatisfy((test, requests) -> assertThat(requests).isEqualTo(1));
    }

    /** Run only by the test above (not a top-level test class of its own: no @Nested, name not *Test). */
    @MantleMockTest
    @Execution(ExecutionMode.CONCURRENT)
    static class Concurrent {
        void one(MantleMock mock, String name) throws Exception {
            ports.add(mock.port());
            mock.stubFor(dev.mantlemock.kit.MantleMockDsl.messages().willReturn(dev.mantlemock.kit.MantleMockDsl.text(name)));
            allStarted.countDown();
            assertThat(allStarted.await(30, TimeUnit.SECONDS)).as("all tests running at once").isTrue();
            {
                var http = java.net.http.HttpClient.newHttpClient();
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(mock.baseUrl() + "/v1/messages"))
                        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                        .header("authorization", "Bearer " + mock.info().shortTermKey())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).contains("\"text\":\"" + name + "\"");
            }
            mock.verify(1, dev.mantlemock.kit.MantleMockDsl.messagesRequested());
            seen.put(name, mock.requests().size());
        }

        @Test
        void a(MantleMock mock) throws Exception {
            one(mock, "a");
        }

        @Test
        void b(MantleMock mock) throws Exception {
            one(mock, "b");
        }

        @Test
        void c(MantleMock mock) throws Exception {
            one(mock, "c");
        }

        @Test
        void d(MantleMock mock) throws Exception {
            one(mock, "d");
        }
    }
}
