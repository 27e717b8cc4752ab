package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.mantlemock.load.Check;
import dev.mantlemock.load.EdgeProbe;
import dev.mantlemock.load.LoadSettings;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.QuotaPlan;
import dev.mantlemock.load.RunSummary;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The number to put in a quota request. From the quota and the calibrated request shape it predicts
 * where throttling starts ({@link QuotaPlan#edgeRate}), steps around that edge until one rate is
 * sustained and one is not, then halves the bracket until it is at most 1% of the quota wide or the
 * time budget ends ({@link EdgeProbe}). Each step lets the window turn over before it is judged. It
 * reports the sustained quota TPM with its uncertainty, the quota that figure implies, and what
 * showed the edge: 429s, or answers coming late without them (a queueing endpoint). It stops by itself.
 * See docs/quota-probe.md.
 */
public class QuotaProbe extends Simulation {
    private final boolean windowChosen = chooseMockWindow();
    private final LoadRun run = new LoadRun("fast");
    private final QuotaPlan plan = new QuotaPlan(run.settings.quotaTpm(), run.shape);
    private final double window = run.settings.windowSeconds();
    private final EdgeProbe probe = newProbe();
    private final ProbeGate gate = new ProbeGate(run.meter, Math.round(run.settings.requestTimeoutSeconds() * 1000),
            probe.settleSeconds(), probe.measureSeconds());
    private final double budgetSeconds = probe.budgetSeconds();
    private volatile List<PhaseStats> decided = List.of();

    {
        // Users arrive at the highest rate the probe may offer; the gate passes the current step's share.
        Duration length = Duration.ofMillis((long) (budgetSeconds * 1000) + 1000);
        run.checkBound(probe.maxRate() * budgetSeconds);
        setUp(scenario("probe")
                .exec(stopLoadGeneratorIf("the probe has ended and every answer is in", s -> gate.stopped()))
                .exec(s -> s.set("phase", String.valueOf(gate.admit())))
                .exec(doIf(s -> !"null".equals(s.getString("phase"))).then(run.quotaCall(LoadRun.SESSION_PHASE)))
                .injectOpen(constantUsersPerSec(probe.maxRate()).during(length)))
                .protocols(run.protocol())
                .maxDuration(length.plusSeconds(60));
    }

    /**
     * Against a mock this probe starts, and without {@code load.window}: the shortest window that holds
     * enough requests of this shape to tell the quota to 2% (README: compressed windows keep the rates).
     */
    private static boolean chooseMockWindow() {
        LoadSettings s = LoadSettings.fromSystem();
        if (!s.targetIsMock() || s.windowGiven()) {
            return false;
        }
        double seconds = new QuotaPlan(s.mockQuotaTpm(), s.shape()).shortestAccurateWindowSeconds();
        System.setProperty("load.window", String.format(Locale.ROOT, "%.0f", seconds));
        return true;
    }

    private EdgeProbe newProbe() {
        double latency = run.sampledLatencySeconds;
        long baselineP95 = Math.round(latency * 2000);
        return new EdgeProbe(plan, window, latency, run.settings.outputQuotaTpm(), baselineP95,
                run.settings.maxThrottledShare(), run.settings.stepSeconds(), run.settings.probeBudgetSeconds());
    }

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "QuotaProbe: edge predicted at %,.0f quota TPM (%s, %,.0f TPM at admission); steps of %.0f s settle + %.0f s measured, %.0f s budget%n",
                plan.settledTpm(probe.predictedRate()), new dev.mantlemock.load.ArrivalRate(probe.predictedRate()),
                plan.admissionTpm(probe.predictedRate()), probe.settleSeconds(), probe.measureSeconds(), budgetSeconds);
        probe.warnings().forEach(w -> System.out.println("QuotaProbe: WARNING " + w));
        run.markStart();
        Thread controller = new Thread(() -> {
            try {
                decided = probe.run((name, rate) -> {
                    System.out.printf(Locale.ROOT, "QuotaProbe: %s at %,.0f TPM offered at admission (%,.0f settled)%n",
                            name, plan.admissionTpm(rate), plan.settledTpm(rate));
                    return gate.run(name, rate);
                });
            } finally {
                gate.finish();
            }
        }, "quota-probe");
        controller.setDaemon(true);
        controller.start();
    }

    @Override
    public void after() {
        try {
            List<PhaseStats> steps = new ArrayList<>();
            for (PhaseStats d : decided) {
                steps.add(run.phases(List.of(d.phase()), probe.measureSeconds()).get(0));
            }
            EdgeProbe.Edge edge = probe.edge(steps);
            Map<String, Object> result = new LinkedHashMap<>();
            List<Check> checks = new ArrayList<>();
            checks.add(Check.of("a step was sustained (else the edge is far below the plan)", edge.step() != null,
                    edge.step() == null ? "none" : edge.step()));
            checks.add(Check.of("the edge was bracketed to 1% of the quota", edge.resolved(), edge.outcome()));
            if (edge.step() != null) {
                result.put("sustained quota TPM (in+out)", String.format(Locale.ROOT, "%,.0f +- %,.0f", edge.sustainedQuotaTpm(), edge.uncertaintyTpm()));
                PhaseStats best = steps.stream().filter(p -> p.phase().equals(edge.step())).findFirst().orElseThrow();
                result.put("sustained input TPM (prompt)", String.format(Locale.ROOT, "%,.0f", best.inputTpm()));
                result.put("sustained output TPM", String.format(Locale.ROOT, "%,.0f", best.outputTpm()));
                result.put("offered at that step", String.format(Locale.ROOT, "%,.0f TPM at admission", edge.offeredAdmissionTpm()));
                result.put("quota this implies (input TPM)", String.format(Locale.ROOT, "%,.0f", edge.impliedQuotaTpm()));
                result.put("edge shown by", edge.reason());
                if (run.target.isMock()) {
                    double error = edge.impliedQuotaTpm() / run.settings.mockQuotaTpm() - 1;
                    result.put("vs the mock's quota", String.format(Locale.ROOT, "%+.1f%%", error * 100));
                }
            }
            edge.warnings().forEach(w -> result.put("WARNING " + (result.size() + 1), w));
            result.put("edge", edge.asMap());
            Map<String, Object> p = run.planBase();
            if (windowChosen) {
                p.put("mock quota window (s)", window + " (chosen by the probe for this shape)");
            }
            p.put("steps", String.format(Locale.ROOT, "%d x (%.0f s settle + %.0f s measured), around a predicted %,.0f quota TPM",
                    steps.size(), probe.settleSeconds(), probe.measureSeconds(), plan.settledTpm(probe.predictedRate())));
            p.put("arithmetic", probe.arithmetic());
            run.publish(RunSummary.of("QuotaProbe", run.target.describe(), p, steps,
                    run.overall(Math.max(1, steps.size()) * probe.stepSeconds()), checks, result));
        } finally {
            run.close();
        }
    }
}
