package dev.mantlemock.load.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.load.MockProcess;
import dev.mantlemock.load.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock's live dashboard in a real browser during a short load: a mock of its own (journal on,
 * realistic stream pacing, a fault rule failing a share of requests), three clients sending plain and
 * streamed requests for a few seconds, and {@code /_mock/ui} open in headless Chromium throughout.
 * The quotas are small, so the windows visibly fill in those seconds. The page must draw its charts while the load runs and, once it stops, show exactly what
 * {@code /_mock/metrics} and the admin API report; a prompt carrying markup must stay text.
 * Screenshot: {@code load-tests/target/browser/dashboard.png}.
 */
@Timeout(180)
class DashboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "anthropic.claude-haiku-4-5";
    private static final String TEST_ID = "dashboard-it";
    private static final String MARKUP = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
    private static final Pattern REQUESTS = Pattern.compile("^mantle_mock_requests_total\\{[^}]*status=\"(\\d+)\"[^}]*} (\\d+)$", Pattern.MULTILINE);
    private static final Duration LOAD = Duration.ofSeconds(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDashboardDrawsTheLoadAsItRunsAndThenShowsWhatTheMockCounted() throws Exception {
        Path jar = Path.of(System.getProperty("load.mockJar", "../mock-server/target/mock-server.jar"));
        try (HeadlessChromium browser = HeadlessChromium.startOrSkip(); // first: no browser, no mock started for nothing
             MockProcess mock = MockProcess.start(jar, List.of("--input-tpm", "10000", "--output-tpm", "15000", "--quota-window", "60",
                "--streaming", "realistic", "--journal-size", "200"))) {
            String admin = mock.adminUrl();
            JsonNode rule = JSON.readTree(admin(admin, "POST", "/_mock/faults",
                    "{\"kind\":\"overloaded\",\"probability\":0.2,\"seed\":7,\"testId\":\"" + TEST_ID + "\"}").body());

            browser.open(admin + "/_mock/ui");
            ExecutorService clients = Executors.newFixedThreadPool(3);
            List<Future<?>> load = new ArrayList<>();
            AtomicLong sent = new AtomicLong();
            long until = System.nanoTime() + LOAD.toNanos();
            for (int c = 0; c < 3; c++) {
                boolean stream = c > 0;
                load.add(clients.submit(() -> {
                    while (System.nanoTime() < until) {
                        message(mock.baseUrl(), "Tell me about quotas, request " + sent.incrementAndGet(), stream, TEST_ID);
                    }
                    return null;
                }));
            }
            try {
                browser.waitFor("document.getElementById('status').dataset.state === 'live'", Duration.ofSeconds(15));
                browser.waitFor("document.querySelectorAll('rect.now[data-window=input]').length > 0"
                        + " && document.querySelectorAll('#rates rect.status').length > 0"
                        + " && document.querySelector('path.used.input') !== null", Duration.ofSeconds(15));
                // A few seconds of history in the charts, then the picture for people to look at.
                browser.waitFor("Number(document.querySelector('path.used.input').dataset.points) >= 6", Duration.ofSeconds(15));
                browser.screenshot(ProbeReportBrowserIT.SCREENSHOTS.resolve("dashboard.png"));
            } finally {
                for (Future<?> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clients.shutdownNow();
            }

            // Quiet now, but for one prompt carrying markup; then the page must show exactly what the mock reports.
            assertThat(message(mock.baseUrl(), MARKUP, false, "someone-else")).isIn(200, 429); // the journal keeps it either way
            Map<String, Long> totals = requestsByStatus(admin(admin, "GET", "/_mock/metrics", null).body());
            assertThat(totals).containsKeys("200", "529");
            StringBuilder same = new StringBuilder("document.querySelectorAll('#rates rect.status').length === " + totals.size());
            totals.forEach((status, n) -> same.append(" && Number(document.querySelector('#rates rect.status[data-status=\"")
                    .append(status).append("\"]').dataset.total) === ").append(n));
            browser.waitFor(same.toString(), Duration.ofSeconds(10));

            JsonNode bucket = JSON.readTree(admin(admin, "GET", "/_mock/quotas", null).body()).path("buckets").get(0);
            String key = bucket.path("account").asText() + " / " + bucket.path("model").asText();
            for (String window : new String[] {"input", "output"}) {
                JsonNode w = bucket.path(window + "Tokens");
                browser.waitFor("(() => { const r = document.querySelector('rect.now[data-window=" + window + "][data-bucket=\""
                        + key + "\"]'); return r && Number(r.dataset.value) === " + w.path("used").asLong()
                        + " && Number(r.dataset.limit) === " + w.path("limit").asLong() + "; })()", Duration.ofSeconds(10));
            }
            browser.waitFor("Number(document.getElementById('open-streams').dataset.value) === 0", Duration.ofSeconds(10));

            JsonNode rules = JSON.readTree(admin(admin, "GET", "/_mock/faults", null).body()).path("rules");
            String id = rule.path("id").asText();
            long fired = rules.get(0).path("fired").asLong();
            assertThat(fired).isPositive();
            browser.waitFor("(() => { const r = document.querySelector('tr[data-fault=\"" + id + "\"]');"
                    + " return r && r.children[1].textContent === 'overloaded' && r.children[6].textContent === '" + fired + "'; })()",
                    Duration.ofSeconds(10));

            // The prompt with markup is in the journal table as text (inside the JSON body), and nothing of it ran.
            assertThat(browser.evaluate("typeof window.__pwned").asText()).isEqualTo("undefined");
            assertThat(browser.evaluate("document.querySelectorAll('#journal script, #journal img').length").asInt()).isZero();
            browser.waitFor("Array.from(document.querySelectorAll('#journal td.body')).some(td => td.textContent.includes("
                    + "'<script>window.__pwned=1</script><img src=x onerror='))", Duration.ofSeconds(10));
        }
    }

    /** One Messages call, plain or streamed and read whole; the status (200, or 529 from the fault rule). */
    private int message(String baseUrl, String prompt, boolean stream, String testId) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", MODEL).put("max_tokens", 40).put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("anthropic-version", Target.ANTHROPIC_VERSION)
                .header("authorization", "Bearer load-test-key").header("x-mock-test-id", testId)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> admin(String adminUrl, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return r;
    }

    /** {@code mantle_mock_requests_total} summed by status over endpoints and error types. */
    static Map<String, Long> requestsByStatus(String metrics) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = REQUESTS.matcher(metrics);
        while (m.find()) {
            out.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        return out;
    }
}
