package dev.mantlemock.load.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.load.GatlingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe's HTML report as a person opens it: a short probe against a mock with 2 s windows (a
 * budget of 30 s of steps), its report opened from disk in headless
 * Chromium, every drawn bar checked against the summary JSON written beside it. Screenshot:
 * {@code load-tests/target/browser/probe-report.png}.
 */
@Timeout(240)
class ProbeReportBrowserIT {
    private static final Path SUMMARIES = Path.of("target", "load-summary", "browser");
    static final Path SCREENSHOTS = Path.of("target", "browser");

    @Test
    void theReportDrawsEveryChartWithTheSummarysOwnNumbers() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.startOrSkip()) { // first: no browser, no probe run for nothing
            try (GatlingRun run = new GatlingRun(SUMMARIES)) {
                run.set("load.window", "2").set("load.quotaTpm", "2000000").set("load.inputTokens", "1000")
                        .set("load.maxTokens", "200").set("load.probeBudgetSeconds", "30").set("load.maxRequests", "5000");
                run.run("QuotaProbe");
            }
            Path html = SUMMARIES.resolve("QuotaProbe-latest.html");
            JsonNode summary = new ObjectMapper().readTree(SUMMARIES.resolve("QuotaProbe-latest.json").toFile());
            assertThat(html).exists();

            browser.open(html.toAbsolutePath().toUri().toString());
            browser.waitFor("document.querySelectorAll('svg.chart rect.bar').length > 0", Duration.ofSeconds(10));
            browser.screenshot(SCREENSHOTS.resolve("probe-report.png"));

            JsonNode bars = browser.evaluate("Array.from(document.querySelectorAll('svg.chart rect.bar')).map(r => ({"
                    + "field: r.dataset.field, phase: r.dataset.phase, value: Number(r.dataset.value),"
                    + "height: r.getBBox().height, width: r.getBoundingClientRect().width}))");
            int drawn = 0;
            for (JsonNode bar : bars) {
                JsonNode phase = phase(summary, bar.path("phase").asText());
                assertThat(bar.path("value").asDouble()).as(bar.toString())
                        .isEqualTo(phase.path(bar.path("field").asText()).asDouble());
                assertThat(bar.path("width").asDouble()).as("on screen: " + bar).isPositive();
                if (bar.path("value").asDouble() > 0) {
                    assertThat(bar.path("height").asDouble()).as("drawn: " + bar).isPositive();
                    drawn++;
                }
            }
            int steps = summary.path("phases").size();
            // Offered, admitted, sustained and three latency percentiles of every step at least.
            assertThat(drawn).isGreaterThanOrEqualTo(6 * steps);
            assertThat(browser.evaluate("Number(document.querySelector('line[data-reference=quota]').dataset.value)").asDouble())
                    .isEqualTo(summary.path("plan").path("planned quota (input TPM)").asDouble());
            assertThat(browser.evaluate("document.querySelector('#arithmetic').textContent").asText())
                    .contains("requests per minute", "TPM");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('svg.chart')).every(s => s.getBoundingClientRect().height > 100)")
                    .asBoolean()).isTrue();
        }
    }

    private static JsonNode phase(JsonNode summary, String name) {
        for (JsonNode p : summary.path("phases")) {
            if (p.path("phase").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("the report drew phase '" + name + "', which the summary does not have");
    }
}
