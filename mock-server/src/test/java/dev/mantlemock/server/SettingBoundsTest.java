package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.config.CommandLine;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No setting can break every request: out-of-range values are refused, naming the field and the range. */
class SettingBoundsTest {
    private static final String HELLO = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mock.server().port() + path))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> r) {
        return TestRequests.node(r.body()).path("error").path("message").asText();
    }

    @Test
    void aQuotaWindowOfANanosecondIsRefusedAndRequestsStillWork() throws Exception {
        HttpResponse<String> put = admin("PUT", "/_mock/quotas", "{\"windowSeconds\": 1e-9}");

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(message(put)).contains("windowSeconds", "between 0.1 and 86400");
        assertThat(mock.postMessages(HELLO).statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/_mock/quotas", "{\"windowSeconds\": 60}").statusCode()).isEqualTo(200);
    }

    @Test
    void faultParametersAreCappedForRulesAndHeadersAlike() throws Exception {
        HttpResponse<String> rule = admin("POST", "/_mock/faults", "{\"kind\": \"latency\", \"latencyMillis\": 1e15}");
        assertThat(rule.statusCode()).isEqualTo(400);
        assertThat(message(rule)).contains("latencyMillis", "between 0 and 600000");

        HttpResponse<String> header = mock.postMessages(HELLO.replace("}]}", "}],\"stream\":true}"), "x-mock-fault", "slow_stream;tps=1e-300");
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(message(header)).contains("tokensPerSecond", "between 0.01 and 100000");

        assertThat(message(admin("POST", "/_mock/faults", "{\"kind\": \"rate_limit\", \"retryAfterSeconds\": 99999999}")))
                .contains("retryAfterSeconds");
    }

    @Test
    void atMostAThousandFaultRulesMayBeInForce() throws Exception {
        try {
            for (int i = 0; i < FaultRules.MAX_RULES; i++) {
                assertThat(admin("POST", "/_mock/faults", "{\"kind\": \"overloaded\", \"testId\": \"bounds-" + i + "\"}").statusCode())
                        .isEqualTo(201);
            }
            HttpResponse<String> oneMore = admin("POST", "/_mock/faults", "{\"kind\": \"overloaded\", \"testId\": \"bounds-x\"}");
            assertThat(oneMore.statusCode()).isEqualTo(400);
            assertThat(message(oneMore)).contains("at most 1000 fault rules");
        } finally {
            admin("DELETE", "/_mock/faults", "");
        }
    }

    @Test
    void theSameBoundsStopAStartFromConfigOrFlags() {
        assertThatThrownBy(() -> CommandLine.parse("--quota-window", "0.0001")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("between 0.1 and 86400");
        refused(c -> c.quota.windowSeconds = 0.0001, "windowSeconds");
        refused(c -> c.journal.size = 1_000_000_000, "journal.size");
        refused(c -> c.streaming.tokensPerSecond = 1e-300, "streaming.tokens-per-second");
        refused(c -> c.connections.idleTimeoutSeconds = 0, "connections.idle-timeout-seconds");
        refused(c -> c.promptCache.maxEntries = -1, "prompt-cache.max-entries");
        refused(c -> c.quota.inputTokensPerMinute = 0, "inputTokensPerMinute");
        refused(c -> c.quota.maxQueueWaitSeconds = 99_999, "maxQueueWaitSeconds");
    }

    private static void refused(Consumer<MockConfig> setting, String field) {
        MockConfig config = new MockConfig();
        config.port = 0;
        setting.accept(config);
        assertThatThrownBy(config::check).isInstanceOf(ApiException.class).hasMessageContaining(field).hasMessageContaining("between");
    }
}
