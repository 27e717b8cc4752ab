package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final Pattern BAR = Pattern.compile(
            "<rect class=\"bar\" data-series=\"[^\"]*\" data-field=\"([^\"]*)\" data-phase=\"([^\"]*)\" data-value=\"([^\"]*)\"");
    private static final Pattern CELL = Pattern.compile("<td data-field=\"([^\"]*)\" data-value=\"([^\"]*)\"");
    private static Outcome answered(String phase, long latency, long ttft) {
        return new Outcome(phase, 0, 200, 1000, 72, 200, latency, ttft);
    }

    private static Outcome throttled(String phase) {
        return new Outcome(phase, 0, 429, 0, 0, 200, 1, -1);
    }

    /** A probe-like run: three steps, the last one throttled, some answers streamed and timed. */
    static RunSummary probeLikeRun() {
        List<PhaseStats> steps = new ArrayList<>();
        List<Outcome> all = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            String name = String.format("step %02d", step);
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 20 + 5 * step; i++) {
                outcomes.add(i % 4 == 0 ? answered(name, 40 + i, 5 + i) : answered(name, 10 + i * 3, -1));
            }
            for (int i = 0; i < step * step; i++) {
                outcomes.add(throttled(name));
            }
            steps.add(PhaseStats.of(name, outcomes, 6));
            all.addAll(outcomes);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("model", "anthropic.claude-haiku-4-5");
        plan.put(RunReport.INPUT, 1000);
        plan.put(RunReport.MAX_TOKENS, 200);
        plan.put(RunReport.OUTPUT, 72);
        plan.put(RunReport.ADMISSION, 1200);
        plan.put(RunReport.SETTLED, 1072);
        plan.put(RunReport.QUOTA, 250_000);
        return RunSummary.of("QuotaProbe", "mock", plan, steps, PhaseStats.of("whole run", all, 18),
                List.of(Check.of("throttling was reached", true, "first throttled: step 01")),
                Map.of("sustained quota TPM (in+out)", "214,400"));
    }

    private static final Pattern POINT = Pattern.compile("data-series=\"([^\"]*)\" data-second=\"(\\d+)\" data-value=\"([^\"]*)\"");

    @Test
    void everyPointOfTheTimeSeriesEqualsTheSummaryJson(@TempDir Path dir) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (int sec = 0; sec < 5; sec++) {
            for (int i = 0; i < 10; i++) {
                long at = 1_000_000_000_000L + sec * 1000 + i * 100;
                outcomes.add(sec == 3 && i < 2 ? new Outcome("run", at, 429, 0, 0, 200, 1, -1)
                        : new Outcome("run", at, 200, 1000, 72, 200, 30 + i, i % 2 == 0 ? 10 + sec : -1));
            }
        }
        List<JsonNode> server = List.of(new ObjectMapper().readTree("{\"second\":1000000003,\"requests\":10,\"throttled\":2}"));
        List<Timeline.Second> seconds = Timeline.of(outcomes, server, 250_000, 2, 1200);
        assertThat(seconds).hasSize(5);
        assertThat(seconds.get(0).offeredTpm()).isEqualTo(10 * 1200 * 60.0);
        assertThat(seconds.get(3).throttled()).isEqualTo(2);
        assertThat(seconds.get(3).serverThrottled()).isEqualTo(2);
        assertThat(seconds.get(2).windowFill()).as("two seconds of 10 x 1,072 in a 2 s window of 250,000 TPM")
                .isEqualTo(2 * 10 * 1072 / (250_000 * 2 / 60.0));
        Path json = probeLikeRun().withTimeline(seconds).writeJson(dir.resolve("run.json"));
        JsonNode timeline = new ObjectMapper().readTree(json.toFile()).get("timeline");

        String html = RunReport.render(RunSummary.readJson(json));

        int points = 0;
        Matcher m = POINT.matcher(html);
        while (m.find()) {
            assertThat(Double.parseDouble(m.group(3))).as(m.group(0))
                    .isEqualTo(timeline.get(Integer.parseInt(m.group(2))).get(m.group(1)).asDouble());
            points++;
        }
        // 5 seconds x (2 TPM + fill + 2 x 429s + 2 latency) and TTFT in every second (p50, p95).
        assertThat(points).isEqualTo(5 * 7 + 5 * 2);
        assertThat(RunReport.render(probeLikeRun())).contains("has no time series");
    }

    @Test
    void everyDrawnValueAndEveryTableCellEqualsTheSummaryJson(@TempDir Path dir) throws IOException {
        RunSummary summary = probeLikeRun();
        Path json = summary.writeJson(dir.resolve("QuotaProbe.json"));
        JsonNode phases = new ObjectMapper().readTree(json.toFile()).get("phases");

        String html = RunReport.render(RunSummary.readJson(json));

        int bars = 0;
        Matcher m = BAR.matcher(html);
        while (m.find()) {
            JsonNode phase = phase(phases, m.group(2));
            assertThat(Double.parseDouble(m.group(3))).as(m.group(0))
                    .isEqualTo(phase.get(m.group(1)).asDouble());
            bars++;
        }
        // 3 steps x (3 TPM + 1 share + 3 latency + 3 TTFT), every step having streamed answers.
        assertThat(bars).isEqualTo(3 * 10);
        int cells = 0;
        Matcher c = CELL.matcher(html);
        while (c.find()) {
            cells++;
        }
        assertThat(cells).isEqualTo(4 * PhaseStats.class.getRecordComponents().length);
        for (JsonNode phase : phases) {
            for (var field : iterable(phase.fieldNames())) {
                assertThat(html).contains("data-field=\"" + field + "\" data-value=\"" + phase.get(field).asText() + "\"");
            }
        }
        assertThat(html).contains("data-reference=\"quota\" data-value=\"250000\"");
    }

    @Test
    void offeredAdmittedAndSustainedSayWhatAdmissionAndTheRefundCharge() {
        PhaseStats step = probeLikeRun().phases().get(2); // 30 answered, 4 refused, in 6 s
        assertThat(step.admittedTpm()).isEqualTo(30 * 1200 * 10.0);
        assertThat(step.offeredTpm()).isEqualTo(34 * 1200 * 10.0);
        assertThat(step.quotaTpm()).isEqualTo(30 * 1072 * 10.0);
    }

    @Test
    void thePlansArithmeticIsToldInWords() {
        String html = RunReport.render(probeLikeRun());
        // 250,000 / 1,072 = 233 requests a minute; x 1,200 = 279,851 TPM offered at the edge.
        assertThat(html).contains("1,000 + 200 = <b>1,200</b>", "<b>1,072</b> tokens stay charged",
                "<b>233 requests per minute</b>", "<b>279,851 TPM</b>");
    }

    @Test
    void theFileNeedsNoNetworkAndShowsNoMarkupFromItsInputs() {
        Map<String, Object> plan = new LinkedHashMap<>(probeLikeRun().plan());
        plan.put("model", "<script>alert(1)</script>");
        RunSummary s = probeLikeRun();
        String html = RunReport.render(RunSummary.of(s.simulation(), "<img src=x onerror=alert(1)>", plan, s.phases(),
                s.overall(), s.checks(), s.result()));

        assertThat(html).doesNotContain("<script", "<img", " src=\"", " href=\"", "url(", "@import")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://", "https://");
    }

    @Test
    void aChartWithNothingMeasuredSaysSoInsteadOfDrawing() {
        PhaseStats plain = PhaseStats.of("below quota", List.of(answered("below quota", 10, -1)), 4);
        String html = RunReport.render(RunSummary.of("QuotaConformance", "mock", Map.of(), List.of(plain), plain, List.of(), Map.of()));
        assertThat(html).contains("<p class=\"none\" data-chart=\"ttft\">").doesNotContain("data-series=\"TTFT p50\"")
                .contains("does not give the request shape");
    }

    @Test
    void gridlinesLandOnRoundNumbers() {
        assertThat(RunReport.niceCeiling(1_961_760)).isEqualTo(2_000_000);
        assertThat(RunReport.niceCeiling(0.043)).isEqualTo(0.05);
        assertThat(RunReport.niceCeiling(87)).isEqualTo(100);
        assertThat(RunReport.niceCeiling(200)).isEqualTo(200);
    }

    private static JsonNode phase(JsonNode phases, String name) {
        for (JsonNode p : phases) {
            if (p.get("phase").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no phase " + name + " in the summary");
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
