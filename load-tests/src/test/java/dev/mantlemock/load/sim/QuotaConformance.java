package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mantlemock.load.ArrivalRate;
import dev.mantlemock.load.Check;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.QuotaChecks;
import dev.mantlemock.load.QuotaPlan;
import dev.mantlemock.load.RunSummary;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Does the endpoint throttle where the quota says? Offers {@code belowFactor} x the quota for one
 * phase, then {@code aboveFactor} x for another, at an open arrival rate sized on the admission
 * charge (input + max_tokens). Below: fewer than 1% 429s. Above: a throttled share close to the
 * excess, 1 - 1/aboveFactor, recomputed from the rate requests were really sent at and the
 * charge they really settled, so a busy machine where Gatling falls behind does not fail it. The "fewer than 1%" assertion is also applied above the quota as a
 * control that must fail, which shows the run can see throttling at all.
 */
public class QuotaConformance extends Simulation {
    static final String BELOW = "below quota";
    static final String ABOVE = "above quota";

    private final LoadRun run = new LoadRun("QuotaConformance", "fast");
    private final QuotaPlan plan = new QuotaPlan(run.settings.quotaTpm(), run.shape);
    private final double seconds = run.settings.durationSeconds();
    private final ArrivalRate below = plan.rateAt(run.settings.belowFactor());
    private final ArrivalRate above = plan.rateAt(run.settings.aboveFactor());
    private final double expectedAbove = plan.expectedThrottledShare(run.settings.aboveFactor());

    {
        Duration phase = Duration.ofMillis((long) (seconds * 1000));
        // Each of load.injectors offers its share of both rates; together they offer the plan.
        ArrivalRate belowMine = run.split(below);
        ArrivalRate aboveMine = run.split(above);
        run.checkBound(belowMine.requestsIn(phase) + aboveMine.requestsIn(phase));
        setUp(
                scenario(BELOW).exec(run.quotaCall(BELOW))
                        .injectOpen(constantUsersPerSec(belowMine.perSecond()).during(phase)),
                scenario(ABOVE).exec(run.quotaCall(ABOVE))
                        .injectOpen(nothingFor(phase), constantUsersPerSec(aboveMine.perSecond()).during(phase)))
                .protocols(run.protocol())
                // Gatling's report and exit status: almost nothing refused below, throttling seen above. The
                // share above is judged in the summary, against the rate requests were really sent at.
                .assertions(
                        details(BELOW).failedRequests().percent().lt(run.settings.maxThrottledShare() * 100),
                        details(ABOVE).failedRequests().percent().gte(run.settings.maxThrottledShare() * 100))
                .maxDuration(Duration.ofMillis((long) (2 * seconds * 1000) + 60_000));
    }

    @Override
    public void before() {
        System.out.println("QuotaConformance: " + BELOW + " " + below + ", " + ABOVE + " " + above
                + ", expected throttled share above " + String.format("%.1f%%", expectedAbove * 100));
        run.markStart();
    }

    @Override
    public void after() {
        try {
            List<PhaseStats> phases = run.phases(List.of(BELOW, ABOVE), seconds);
            double max = run.settings.maxThrottledShare();
            // Judged on what was really sent and settled, not on the plan: independent of the machine's speed.
            double sent = run.sentPerSecond(ABOVE) / run.settings.rateShare(); // what all injectors offered, if they kept pace alike
            double settled = phases.get(1).answered() > 0 ? phases.get(1).settledChargePerRequest() : run.shape.settledCharge();
            double expectedAbove = Double.isNaN(sent) ? this.expectedAbove : plan.expectedThrottledShareAt(sent, settled);
            List<Check> checks = List.of(
                    QuotaChecks.fewThrottled(phases.get(0), max),
                    QuotaChecks.noOtherErrors(phases.get(0)),
                    QuotaChecks.throttledNearExcess(phases.get(1), expectedAbove, run.settings.tolerance()),
                    QuotaChecks.noOtherErrors(phases.get(1)),
                    QuotaChecks.fewThrottledControl(phases.get(1), max));
            Map<String, Object> p = run.planBase();
            p.put("below: load factor, rate", run.settings.belowFactor() + " x quota, " + below);
            p.put("above: load factor, rate", run.settings.aboveFactor() + " x quota, " + above);
            p.put("expected 429 share above (planned)", String.format("%.1f%%", this.expectedAbove * 100));
            p.put("expected 429 share above (as sent)", String.format("%.1f%% at %.2f req/s sent", expectedAbove * 100, sent));
            run.publish(RunSummary.of("QuotaConformance", run.target.describe(), p, phases, run.overall(2 * seconds), checks, Map.of()));
        } finally {
            run.close();
        }
    }
}
