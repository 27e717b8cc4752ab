package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mantlemock.load.ArrivalRate;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.QuotaChecks;
import dev.mantlemock.load.RunSummary;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A realistic mix, arriving together: plain calls, streamed answers (SSE, with TTFT) and agent
 * turns that call a tool and send its result back (two requests). The streaming share comes from
 * the shape; a fixed 20% of arrivals are agent turns; the rest are plain calls. The arrival rate
 * offers {@code load.targetTpm}, counting an agent turn as two requests.
 */
public class MixedWorkload extends Simulation {
    static final double AGENT_SHARE = 0.20;
    static final String PLAIN = "plain";
    static final String STREAM = "stream";
    static final String AGENT = "agent";

    private final LoadRun run = new LoadRun("MixedWorkload", "realistic");
    private final double seconds = run.settings.durationSeconds();
    private final double streamShare = Math.min(run.shape.streamingShare(), 1 - AGENT_SHARE);
    /** The planned total; this injector offers its share ({@code load.injectors}). */
    private final ArrivalRate rate = new ArrivalRate(run.settings.targetTpm() / (run.shape.admissionCharge() * (1 + AGENT_SHARE)) / 60.0);
    private final ArrivalRate mine = run.split(rate);

    {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        run.checkBound(mine.requestsIn(d) * (1 + AGENT_SHARE));
        setUp(scenario("mixed")
                .exec(randomSwitch().on(
                        percent(streamShare * 100).then(run.sseCall(STREAM)),
                        percent(AGENT_SHARE * 100).then(run.toolLoop(AGENT)),
                        percent((1 - streamShare - AGENT_SHARE) * 100).then(run.plainCall(PLAIN, run.plainBody))))
                .injectOpen(constantUsersPerSec(mine.perSecond()).during(d)))
                .protocols(run.protocol())
                .maxDuration(d.plusSeconds((long) run.settings.requestTimeoutSeconds() + 30));
    }

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "MixedWorkload: %s for %.0f s (%.0f%% streamed, %.0f%% agent turns)%n", rate, seconds, streamShare * 100, AGENT_SHARE * 100);
        run.markStart();
    }

    @Override
    public void after() {
        try {
            List<PhaseStats> phases = run.phases(List.of(PLAIN, STREAM, AGENT + ": tool call", AGENT + ": tool result"), seconds);
            PhaseStats overall = run.overall(seconds);
            Map<String, Object> p = run.planBase();
            p.put("offered input TPM", String.format(Locale.ROOT, "%,.0f at admission, %s arrivals", run.settings.targetTpm(), rate));
            List<dev.mantlemock.load.Check> checks = new ArrayList<>();
            checks.add(QuotaChecks.fewThrottled(overall, run.settings.maxThrottledShare()));
            checks.add(QuotaChecks.noOtherErrors(overall));
            run.publish(RunSummary.of("MixedWorkload", run.target.describe(), p, phases, overall, checks, Map.of()));
        } finally {
            run.close();
        }
    }
}
