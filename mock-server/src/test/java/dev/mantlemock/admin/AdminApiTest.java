package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.faults.FaultsConfig;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.testing.MutableClock;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin routes alone on a bare Javalin, so their input handling can be tested without the pipeline. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final QuotaBook quotas = new QuotaBook(new QuotaConfig(), MutableClock.atSomeMinute());
    private final FaultRules faults = new FaultRules(new FaultsConfig());
    private Javalin app;

    private String start(String token, String pretendHost) {
        AdminConfig config = new AdminConfig();
        config.token = token;
        AdminApi admin = new AdminApi(new MockControls(quotas, faults, new RequestJournal(new JournalConfig()),
                new MetricsRegistry(quotas, faults), dev.mantlemock.fixtures.FixtureCatalogue.empty(),
                new dev.mantlemock.tokens.PromptCache(java.time.Clock.systemUTC(), new dev.mantlemock.tokens.TokenEstimator(), 10, 1)),
                config, pretendHost);
        app = Javalin.create(cfg -> admin.addRoutes(cfg.routes)).start("127.0.0.1", 0);
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private record Reply(int status, JsonNode json, String text) {}

    private Reply call(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!method.equals("GET")) {
            b.header("content-type", "application/json"); // as every admin write must say
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (r.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            json = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body());
    }

    @Test
    void faultRulesCanBeAddedListedAndClearedPerTest() throws Exception {
        String base = start(null, "127.0.0.1");
        Reply created = call("POST", base + "/_mock/faults", "{\"kind\":\"overloaded\",\"times\":2,\"testId\":\"t1\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).startsWith("fault_");
        assertThat(created.json().path("remaining").asInt()).isEqualTo(2);
        call("POST", base + "/_mock/faults", "{\"kind\":\"latency\",\"latencyMillis\":50,\"testId\":\"t2\"}");

        assertThat(call("GET", base + "/_mock/faults?testId=t1", null).json().path("rules")).hasSize(1);
        assertThat(call("DELETE", base + "/_mock/faults?testId=t1", null).json().path("removed").asInt()).isEqualTo(1);
        assertThat(call("GET", base + "/_mock/faults", null).json().path("rules")).hasSize(1);
        assertThat(call("DELETE", base + "/_mock/faults/nope", null).status()).isEqualTo(404);
    }

    @Test
    void badAdminInputIsA400WithAClearMessageNeverA500() throws Exception {
        String base = start(null, "localhost");
        assertBad(call("POST", base + "/_mock/faults", "{not json"), "not valid JSON");
        assertBad(call("POST", base + "/_mock/faults", ""), "must be a JSON object");
        assertBad(call("POST", base + "/_mock/faults", "[1]"), "must be a JSON object");
        assertBad(call("POST", base + "/_mock/faults", "{\"kind\":\"gremlins\"}"), "unknown fault 'gremlins'");
        assertBad(call("POST", base + "/_mock/faults", "{\"kind\":\"overloaded\",\"tims\":2}"), "Unknown field 'tims'");
        assertBad(call("POST", base + "/_mock/faults", "{\"kind\":\"overloaded\",\"times\":\"two\"}"), "Field 'times' has the wrong type");
        assertBad(call("POST", base + "/_mock/faults", "{\"kind\":\"overloaded\",\"probability\":2}"), "'probability' must be between 0 and 1");
        assertBad(call("PUT", base + "/_mock/quotas", "{\"windowSeconds\":0}"), "'windowSeconds' must be between 0.1 and 86400");
        assertBad(call("PUT", base + "/_mock/quotas", "{\"inputTokensPerMinute\":-5}"), "'inputTokensPerMinute' must be between 1 and");
        assertBad(call("PUT", base + "/_mock/quotas", "{\"onOutputExhausted\":\"explode\"}"), "onOutputExhausted");
        assertBad(call("PUT", base + "/_mock/quotas", "{\"overrides\":[{\"model\":\"m\",\"inputTokensPerMinute\":0}]}"),
                "'inputTokensPerMinute' must be between 1 and");
        assertBad(call("GET", base + "/_mock/requests?limit=lots", null), "'limit' must be a whole number");
        assertThat(quotas.settings().windowMillis()).as("nothing bad was applied").isEqualTo(60_000);
    }

    private static void assertBad(Reply reply, String messagePart) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().path("type").asText()).isEqualTo("error");
        assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(reply.json().path("error").path("message").asText()).contains(messagePart).doesNotContain("Exception", "\tat ");
    }

    @Test
    void quotasCanBeReadAndChangedAndBucketUsageIsShown() throws Exception {
        String base = start(null, "127.0.0.1");
        Reply changed = call("PUT", base + "/_mock/quotas",
                "{\"inputTokensPerMinute\":10000,\"windowSeconds\":6,\"rateLimitHeaders\":true,"
                        + "\"overrides\":[{\"account\":\"111111111111\",\"model\":\"m\",\"outputTokensPerMinute\":900}]}");
        assertThat(changed.status()).isEqualTo(200);
        JsonNode settings = changed.json().path("settings");
        assertThat(settings.path("inputTokensPerMinute").asLong()).isEqualTo(10000);
        assertThat(settings.path("outputTokensPerMinute").asLong()).as("untouched fields keep their value").isEqualTo(500_000);
        assertThat(settings.path("windowSeconds").asDouble()).isEqualTo(6.0);
        assertThat(settings.path("onOutputExhausted").asText()).isEqualTo("stop");

        quotas.bucket("111111111111", "m");
        JsonNode bucket = call("GET", base + "/_mock/quotas", null).json().path("buckets").get(0);
        assertThat(bucket.path("account").asText()).isEqualTo("111111111111");
        assertThat(bucket.path("inputTokens").path("limit").asLong()).isEqualTo(1000);
        assertThat(bucket.path("outputTokens").path("limit").asLong()).isEqualTo(90);
        assertThat(bucket.path("inputTokens").path("used").asLong()).isZero();
        assertThat(bucket.path("inputTokens").path("remaining").asLong()).isEqualTo(1000);
        assertThat(bucket.path("requests").isNull()).as("no RPM quota").isTrue();
    }

    @Test
    void resetRestoresTheConfiguredState() throws Exception {
        String base = start(null, "127.0.0.1");
        call("PUT", base + "/_mock/quotas", "{\"inputTokensPerMinute\":10}");
        call("POST", base + "/_mock/faults", "{\"kind\":\"overloaded\"}");
        assertThat(call("POST", base + "/_mock/reset", null).status()).isEqualTo(200);
        assertThat(quotas.settings().defaults().inputTokensPerMinute()).isEqualTo(2_000_000);
        assertThat(faults.list(null)).isEmpty();
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        String base = start(null, "127.0.0.1");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/_mock/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("# TYPE mantle_mock_requests_total counter");
    }

    @Test
    void onANonLoopbackAddressWithoutATokenTheAdminApiIsRefused() throws Exception {
        String base = start(null, "0.0.0.0");
        Reply r = call("GET", base + "/_mock/faults", null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(r.json().path("error").path("message").asText()).contains("not a loopback address", "admin token");
    }

    @Test
    void withATokenEveryCallMustPresentIt() throws Exception {
        String base = start("s3cret", "0.0.0.0");
        assertThat(call("GET", base + "/_mock/faults", null).status()).isEqualTo(401);
        assertThat(call("GET", base + "/_mock/faults", null, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(call("GET", base + "/_mock/faults", null, "Authorization", "Bearer s3cret").status()).isEqualTo(200);
        assertThat(call("GET", base + "/_mock/faults", null, "x-mock-admin-token", "s3cret").status()).isEqualTo(200);
    }
}
