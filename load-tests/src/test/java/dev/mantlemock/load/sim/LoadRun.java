package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.mantlemock.load.ArrivalRate;
import dev.mantlemock.load.Calibration;
import dev.mantlemock.load.LoadSettings;
import dev.mantlemock.load.Meter;
import dev.mantlemock.load.Outcome;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.Prompts;
import dev.mantlemock.load.RequestShape;
import dev.mantlemock.load.RunRecords;
import dev.mantlemock.load.RunReport;
import dev.mantlemock.load.RunSummary;
import dev.mantlemock.load.Target;
import dev.mantlemock.load.Timeline;
import io.gatling.http.client.Request;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every scenario shares: the target (a mock started for the run, or AWS), the calibrated
 * prompt, the calls as Gatling chains, and the meter that counts tokens for the summary.
 *
 * <p>Quota scenarios send streaming requests with {@code http(...)} so the status (429 or 200) is
 * exact; the streaming and mixed scenarios use Gatling's SSE over POST, which timestamps each
 * event as it arrives, so time to first token is measured, not inferred (see README "Load tests").
 */
final class LoadRun implements AutoCloseable {
    /** Requests sent before the run to learn the answers' length (load.outputTokens skips them). */
    static final int OUTPUT_SAMPLES = 3;
    final LoadSettings settings = LoadSettings.fromSystem();
    final Meter meter = new Meter();
    final Target target;
    final RequestShape shape;
    final String prompt;
    final String plainBody;
    final String streamBody;
    /** Mean time of the answers sampled before the run, in seconds (0 when none were sampled). */
    final double sampledLatencySeconds;
    volatile long startedAtMillis;
    /** A call named by the session's {@code phase} attribute: the probe decides the phase as it runs. */
    static final String SESSION_PHASE = "#{phase}";
    final String simulation;
    /** This injector's per-request records, for the merge of several injectors (written by every run). */
    final RunRecords records;

    LoadRun(String simulation, String mockStreaming) {
        this.simulation = simulation;
        settings.checkInjectors();
        target = Target.open(settings, mockStreaming);
        try {
            RequestShape wanted = settings.shape();
            Calibration.Prompt p = Calibration.against(target, settings.model(), wanted.inputTokens());
            prompt = Prompts.prose(p.chars());
            RequestShape calibrated = p.inputTokens() > 0 ? wanted.withInputTokens(p.inputTokens()) : wanted;
            plainBody = Prompts.message(settings.model(), prompt, calibrated.maxTokens(), false);
            double latency = settings.latencySeconds() == null ? 0 : settings.latencySeconds();
            if (settings.expectedOutputTokens() == null) {
                long t0 = System.nanoTime();
                long measured = Calibration.meanOutput(target, plainBody, OUTPUT_SAMPLES);
                if (settings.latencySeconds() == null) {
                    latency = (System.nanoTime() - t0) / 1e9 / OUTPUT_SAMPLES;
                }
                calibrated = measured >= 0 ? calibrated.withExpectedOutputTokens(measured) : calibrated;
            }
            sampledLatencySeconds = latency;
            shape = calibrated;
            streamBody = Prompts.message(settings.model(), prompt, shape.maxTokens(), true);
            records = RunRecords.open(settings.recordsDir(), simulation, settings.injectorIndex(), settings.injectors(),
                    settings.startAtSetting(), target.describe());
            meter.writeTo(records);
            System.out.println("Load run against " + target.describe() + ": " + shape.inputTokens()
                    + " input tokens per request (count_tokens), max_tokens " + shape.maxTokens()
                    + ", about " + shape.expectedOutputTokens() + " output tokens per answer");
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http.baseUrl(target.baseUrl())
                .shareConnections()
                .disableWarmUp()
                .headers(Target.signedHeaders());
        // Sign each request as sent, body included: the same path for the mock and for AWS.
        return protocol.sign(this::sign);
    }

    private Request sign(Request request) {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        URI uri = URI.create(request.getUri().toUrl());
        Map<String, String> covered = Target.signedHeaders();
        target.signer().sign(request.getMethod().name(), uri, covered, body)
                .forEach((k, v) -> request.getHeaders().set(k, v));
        return request;
    }

    /** Waits for the shared start ({@code load.startAt}) if there is one, then marks the run's start. */
    void markStart() {
        Long at = startAt();
        if (at != null) {
            long wait = at - System.currentTimeMillis();
            System.out.printf(java.util.Locale.ROOT, "Injector %d of %d: starting at %s (in %d ms)%n", settings.injectorIndex(),
                    settings.injectors(), java.time.Instant.ofEpochMilli(at), Math.max(0, wait));
            try {
                Thread.sleep(Math.max(0, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        markStartNow();
    }

    /** Marks the run's start now, whatever load.startAt says (the probe's gate keeps the shared schedule itself). */
    void markStartNow() {
        startedAtMillis = System.currentTimeMillis();
    }

    private Long startAt;
    private boolean startKnown;

    /** The shared start, read once (it may wait for a start signal): null with one injector and no load.startAt. */
    synchronized Long startAt() {
        if (!startKnown) {
            startAt = settings.startAtMillis();
            startKnown = true;
        }
        return startAt;
    }

    /** This injector's part of a planned total arrival rate: {@code load.injectors} share every rate equally. */
    ArrivalRate split(ArrivalRate total) {
        return total.times(settings.rateShare());
    }

    /** Bounds every run: refuses a plan that would send more than {@code load.maxRequests}. */
    void checkBound(double plannedRequests) {
        if (plannedRequests > settings.maxRequests()) {
            throw new IllegalArgumentException(String.format("this plan sends about %.0f requests, above load.maxRequests=%d: shorten it or raise the bound",
                    plannedRequests, settings.maxRequests()));
        }
    }

    // ---- calls -------------------------------------------------------------------------------

    /** A plain or streamed call, chosen by the shape's streaming share, named after the phase (for Gatling's assertions). */
    ChainBuilder quotaCall(String phase) {
        ChainBuilder streamed = settings.streamEvents() ? sseCall(phase, true) : streamedHttpCall(phase, streamBody);
        return exec(s -> s.set("stream", ThreadLocalRandom.current().nextDouble() < shape.streamingShare()))
                .exec(doIfOrElse("#{stream}").then(streamed).orElse(plainCall(phase, plainBody)));
    }

    ChainBuilder plainCall(String phase, String body) {
        return exec(s -> s.remove("in").remove("out").set("t0", System.currentTimeMillis()))
                .exec(http(phase).post("/v1/messages").body(StringBody(body))
                        .check(status().saveAs("status"),
                                jsonPath("$.usage.input_tokens").ofLong().optional().saveAs("in"),
                                jsonPath("$.usage.output_tokens").ofLong().optional().saveAs("out"),
                                status().is(200)))
                .exec(s -> record(s, phase, -1));
    }

    /** A streamed request read whole by Gatling: exact status and usage, total duration; no TTFT. */
    ChainBuilder streamedHttpCall(String phase, String body) {
        return exec(s -> s.remove("in").remove("outs").set("t0", System.currentTimeMillis()))
                .exec(http(phase).post("/v1/messages").body(StringBody(body))
                        .check(status().saveAs("status"),
                                regex("\"input_tokens\":(\\d+)").transform(Long::valueOf).optional().saveAs("in"),
                                regex("\"output_tokens\":(\\d+)").findAll().optional().saveAs("outs"),
                                status().is(200)))
                .exec(s -> {
                    List<String> outs = s.contains("outs") ? s.getList("outs") : List.of();
                    // message_delta carries the cumulative count: the last one is the answer's output.
                    Session withOut = outs.isEmpty() ? s : s.set("out", Long.parseLong(outs.get(outs.size() - 1)));
                    return record(withOut, phase, -1);
                });
    }

    /**
     * A stream read event by event. Each check stamps the moment its event arrived, so TTFT is
     * send to first {@code content_block_delta}, and the duration is send to {@code message_stop}.
     */
    ChainBuilder sseCall(String phase) {
        return sseCall(phase, false);
    }

    /**
     * @param refusedIs429 a stream refused before it opened (no {@code message_start}) counts as a 429: Gatling's
     *                     SSE does not expose the status, and a quota run provokes 429s and nothing else on
     *                     purpose; against a mock the merge checks the count against the mock's own
     */
    ChainBuilder sseCall(String phase, boolean refusedIs429) {
        Duration timeout = Duration.ofMillis((long) (settings.requestTimeoutSeconds() * 1000));
        return exec(s -> s.remove("in").remove("out").remove("tFirst").remove("tEnd").set("t0", System.currentTimeMillis()))
                .exec(sse(phase).post("/v1/messages").body(StringBody(streamBody))
                        .await(timeout).on(
                                sse.checkMessage(phase + ": message_start").matching(substring("\"message_start\""))
                                        .check(jsonPath("$.data.message.usage.input_tokens").ofLong().saveAs("in")),
                                sse.checkMessage(phase + ": first token").matching(substring("\"content_block_delta\""))
                                        .check(bodyString().transform(b -> System.currentTimeMillis()).saveAs("tFirst")),
                                sse.checkMessage(phase + ": message_delta").matching(substring("\"message_delta\""))
                                        .check(jsonPath("$.data.usage.output_tokens").ofLong().saveAs("out")),
                                sse.checkMessage(phase + ": message_stop").matching(substring("\"message_stop\""))
                                        .check(bodyString().transform(b -> System.currentTimeMillis()).saveAs("tEnd"))))
                .exec(sse(phase + ": close").close())
                .exec(s -> {
                    boolean complete = s.contains("tEnd") && s.contains("tFirst");
                    long t0 = s.getLong("t0");
                    // Gatling's SSE does not expose the HTTP status: a stream that did not complete counts as status 0,
                    // one that never opened as a 429 where the caller says so.
                    int status = complete ? 200 : refusedIs429 && !s.contains("in") ? 429 : 0;
                    Session withStatus = s.set("status", status);
                    return record(withStatus, phase, complete ? s.getLong("tFirst") - t0 : -1,
                            complete ? s.getLong("tEnd") - t0 : System.currentTimeMillis() - t0);
                });
    }

    /** An agent turn: the model calls a tool, the result goes back, the model answers. */
    ChainBuilder toolLoop(String phase) {
        return plainCall(phase + ": tool call", Prompts.toolCall(settings.model(), prompt, shape.maxTokens()))
                .exec(plainCall(phase + ": tool result", Prompts.toolResult(settings.model(), prompt, shape.maxTokens())));
    }

    private Session record(Session s, String phase, long ttft) {
        return record(s, phase, ttft, System.currentTimeMillis() - s.getLong("t0"));
    }

    private Session record(Session s, String phase, long ttft, long latency) {
        int status = s.contains("status") ? s.getInt("status") : 0;
        meter.record(new Outcome(SESSION_PHASE.equals(phase) ? s.getString("phase") : phase, s.getLong("t0"), status,
                s.contains("in") ? s.getLong("in") : 0, s.contains("out") ? s.getLong("out") : 0,
                shape.maxTokens(), latency, ttft));
        return s;
    }

    // ---- results -----------------------------------------------------------------------------

    List<PhaseStats> phases(List<String> names, double seconds) {
        List<PhaseStats> stats = new ArrayList<>();
        for (String name : names) {
            stats.add(PhaseStats.of(name, meter.outcomes().stream().filter(o -> o.phase().equals(name)).toList(), seconds));
        }
        return stats;
    }

    /**
     * Requests per second as they were really sent in a phase (from the first send to the last), not
     * as planned: on a busy machine Gatling can fall behind its schedule. NaN with fewer than two.
     */
    double sentPerSecond(String phase) {
        long[] sent = meter.outcomes().stream().filter(o -> o.phase().equals(phase)).mapToLong(Outcome::sentAtMillis).sorted().toArray();
        return sent.length < 2 || sent[sent.length - 1] == sent[0] ? Double.NaN
                : (sent.length - 1) * 1000.0 / (sent[sent.length - 1] - sent[0]);
    }

    PhaseStats overall(double seconds) {
        return PhaseStats.of("whole run", meter.outcomes(), seconds);
    }

    Map<String, Object> planBase() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("model", settings.model());
        plan.put("input tokens per request", shape.inputTokens());
        plan.put("max_tokens", shape.maxTokens());
        plan.put("streaming share", shape.streamingShare());
        plan.put("output tokens per answer", shape.expectedOutputTokens());
        plan.put("charge at admission", shape.admissionCharge());
        plan.put("charge settled (after refund)", shape.settledCharge());
        plan.put("planned quota (input TPM)", settings.quotaTpm());
        if (meter.dropped() > 0) {
            plan.put("WARNING outcomes not kept", meter.dropped() + " (the figures cover the first " + meter.outcomes().size() + ")");
        }
        if (target.isMock()) {
            plan.put("mock quota (input TPM)", settings.mockQuotaTpm());
            plan.put("mock output TPM quota", settings.outputQuotaTpm());
            plan.put("mock quota window (s)", settings.windowSeconds());
        }
        return plan;
    }

    /**
     * Writes {@code <Simulation>-<time>.json|.html} and {@code <Simulation>-latest.json|.html}, prints the table;
     * adds the per-second time series, and ends this injector's records with the mock's own counts and the summary.
     */
    Path publish(RunSummary withoutTimeline) {
        long endSecond = System.currentTimeMillis() / 1000 + 1;
        List<com.fasterxml.jackson.databind.JsonNode> server = target.serverSeconds(startedAtMillis / 1000 - 1, endSecond);
        RunSummary summary = withoutTimeline.withTimeline(Timeline.of(meter.outcomes(), server, settings.quotaTpm(),
                settings.windowSeconds(), shape.admissionCharge()));
        records.decided("server", server);
        records.decided("summary", summary);
        records.close();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = settings.summaryDir();
        Path file = summary.writeJson(dir.resolve(summary.simulation() + "-" + stamp + ".json"));
        summary.writeJson(dir.resolve(summary.simulation() + "-latest.json"));
        // The report beside its JSON, drawn from the summary as written: what a quota request attaches.
        Path report = RunReport.write(summary, dir.resolve(summary.simulation() + "-" + stamp + ".html"));
        RunReport.write(summary, dir.resolve(summary.simulation() + "-latest.html"));
        System.out.println(summary.toTable(settings.expectFailure()));
        System.out.println("Summary written to " + file.toAbsolutePath());
        System.out.println("Report (open in a browser, no network needed): " + report.toAbsolutePath());
        System.out.println("Per-request records (for the merge of several injectors): " + records.file().toAbsolutePath());
        return file;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        records.close();
        target.close();
    }
}
