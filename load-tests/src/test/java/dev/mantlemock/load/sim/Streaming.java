package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mantlemock.load.ArrivalRate;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.QuotaChecks;
import dev.mantlemock.load.QuotaPlan;
import dev.mantlemock.load.RunSummary;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What users of a streaming UI feel under load: every request streams ({@code "stream": true} over
 * POST), at the arrival rate that offers {@code load.targetTpm}; measures time to first token
 * (send to first {@code content_block_delta}), output tokens per second and total duration.
 * The mock is started with realistic pacing (~600 ms to first token, 60 tokens/s) unless told otherwise.
 */
public class Streaming extends Simulation {
    static final String PHASE = "streaming";

    private final LoadRun run = new LoadRun("Streaming", "realistic");
    private final QuotaPlan plan = new QuotaPlan(run.settings.quotaTpm(), run.shape);
    private final ArrivalRate rate = plan.rateFor(run.settings.targetTpm());
    /** This injector's share of the planned rate ({@code load.injectors}). */
    private final ArrivalRate mine = run.split(rate);
    private final double seconds = run.settings.durationSeconds();

    {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        run.checkBound(mine.requestsIn(d));
        setUp(scenario(PHASE).exec(run.sseCall(PHASE)).injectOpen(constantUsersPerSec(mine.perSecond()).during(d)))
                .protocols(run.protocol())
                .maxDuration(d.plusSeconds((long) run.settings.requestTimeoutSeconds() + 30));
    }

    @Override
    public void before() {
        System.out.println("Streaming: " + rate + " for " + seconds + " s");
        run.markStart();
    }

    @Override
    public void after() {
        try {
            List<PhaseStats> phases = run.phases(List.of(PHASE), seconds);
            Map<String, Object> p = run.planBase();
            p.put("offered input TPM", String.format("%,.0f at admission, %s", run.settings.targetTpm(), rate));
            run.publish(RunSummary.of("Streaming", run.target.describe(), p, phases, phases.get(0),
                    List.of(QuotaChecks.fewThrottled(phases.get(0), run.settings.maxThrottledShare()),
                            QuotaChecks.noOtherErrors(phases.get(0))), Map.of()));
        } finally {
            run.close();
        }
    }
}
