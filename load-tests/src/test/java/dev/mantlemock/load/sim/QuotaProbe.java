package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.mantlemock.load.ArrivalRate;
import dev.mantlemock.load.Check;
import dev.mantlemock.load.Meter;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.ProbeSteps;
import dev.mantlemock.load.QuotaPlan;
import dev.mantlemock.load.RunSummary;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The number to put in a quota request: a stepped ramp of offered input TPM ({@code load.probeFromTpm}
 * to {@code load.probeToTpm} every {@code load.probeStepTpm}, each step {@code load.stepSeconds}),
 * reporting the highest step sustained with fewer than 1% 429s and the TPM it achieved. It stops by
 * itself two steps after throttling starts: the steps above would only confirm it.
 */
public class QuotaProbe extends Simulation {
    /** Throttled steps seen before the probe stops. */
    static final int THROTTLED_STEPS_TO_STOP = 2;

    private final LoadRun run = new LoadRun("fast");
    private final QuotaPlan plan = new QuotaPlan(run.settings.quotaTpm(), run.shape);
    private final ProbeSteps steps = ProbeSteps.between(run.settings.probeFromTpm(), run.settings.probeToTpm(), run.settings.probeStepTpm());
    private final double stepSeconds = run.settings.stepSeconds();

    {
        Duration step = Duration.ofMillis((long) (stepSeconds * 1000));
        List<PopulationBuilder> populations = new ArrayList<>();
        double planned = 0;
        for (int i = 0; i < steps.count(); i++) {
            String name = steps.name(i);
            ArrivalRate rate = plan.rateFor(steps.offeredTpm(i));
            planned += rate.requestsIn(step);
            // One scenario per step, started at its offset: each request is labelled with its step exactly.
            populations.add(scenario(name)
                    .exec(stopLoadGeneratorIf("the probe has seen " + THROTTLED_STEPS_TO_STOP + " throttled steps", s -> finished()))
                    .exec(run.quotaCall(name))
                    .injectOpen(i == 0
                            ? new io.gatling.javaapi.core.OpenInjectionStep[] {constantUsersPerSec(rate.perSecond()).during(step)}
                            : new io.gatling.javaapi.core.OpenInjectionStep[] {nothingFor(step.multipliedBy(i)), constantUsersPerSec(rate.perSecond()).during(step)}));
        }
        run.checkBound(planned);
        setUp(populations).protocols(run.protocol())
                .maxDuration(Duration.ofMillis((long) (steps.count() * stepSeconds * 1000) + 60_000));
    }

    /** True once enough completed steps were throttled: the quota is found, later steps add nothing. */
    private boolean finished() {
        long elapsed = System.currentTimeMillis() - run.startedAtMillis;
        int completed = (int) Math.min(steps.count(), Math.floor(elapsed / (stepSeconds * 1000)));
        int throttled = 0;
        for (int i = 0; i < completed; i++) {
            Meter.PhaseCount c = run.meter.phaseCount(steps.name(i));
            if (c.total() > 0 && c.throttledShare() >= run.settings.maxThrottledShare()) {
                throttled++;
            }
        }
        return throttled >= THROTTLED_STEPS_TO_STOP;
    }

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "QuotaProbe: %d steps of %.0f s from %,.0f to %,.0f offered input TPM (%s to %s)%n",
                steps.count(), stepSeconds, steps.offeredTpm(0), steps.offeredTpm(steps.count() - 1),
                plan.rateFor(steps.offeredTpm(0)), plan.rateFor(steps.offeredTpm(steps.count() - 1)));
        run.markStart();
    }

    @Override
    public void after() {
        try {
            List<PhaseStats> all = run.phases(steps.names(), stepSeconds);
            List<PhaseStats> ran = all.stream().filter(p -> p.requests() > 0).toList();
            double max = run.settings.maxThrottledShare();
            PhaseStats best = ProbeSteps.highestSustained(ran, max);
            Map<String, Object> result = new LinkedHashMap<>();
            List<Check> checks = new ArrayList<>();
            checks.add(Check.of("the first step was sustained (else start lower)", best != null,
                    ran.isEmpty() ? "no step ran" : ran.get(0).phase() + " " + String.format(Locale.ROOT, "%.1f%% throttled", ran.get(0).throttledShare() * 100)));
            boolean foundEdge = best != null && ran.indexOf(best) < ran.size() - 1;
            checks.add(Check.of("throttling was reached (else end higher)", foundEdge,
                    foundEdge ? "first throttled: " + ran.get(ran.indexOf(best) + 1).phase() : "no step above " + (best == null ? "-" : best.phase()) + " was throttled"));
            if (best != null) {
                int index = steps.names().indexOf(best.phase());
                result.put("sustained quota TPM (in+out)", String.format(Locale.ROOT, "%,.0f", best.quotaTpm()));
                result.put("sustained input TPM (prompt)", String.format(Locale.ROOT, "%,.0f", best.inputTpm()));
                result.put("sustained output TPM", String.format(Locale.ROOT, "%,.0f", best.outputTpm()));
                result.put("offered at that step", String.format(Locale.ROOT, "%,.0f TPM at admission", steps.offeredTpm(index)));
                result.put("step resolution", String.format(Locale.ROOT, "%,.0f TPM", steps.stepTpm()));
                if (run.target.isMock()) {
                    double error = best.quotaTpm() / run.settings.mockQuotaTpm() - 1;
                    result.put("vs the mock's quota", String.format(Locale.ROOT, "%+.1f%%", error * 100));
                }
            }
            Map<String, Object> p = run.planBase();
            p.put("steps", String.format(Locale.ROOT, "%d x %.0f s, %,.0f to %,.0f TPM offered", steps.count(), stepSeconds, steps.offeredTpm(0), steps.offeredTpm(steps.count() - 1)));
            run.publish(RunSummary.of("QuotaProbe", run.target.describe(), p, ran, run.overall(Math.max(1, ran.size()) * stepSeconds), checks, result));
        } finally {
            run.close();
        }
    }
}
