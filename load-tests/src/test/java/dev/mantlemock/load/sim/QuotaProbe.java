package dev.mantlemock.load.sim;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.mantlemock.load.Check;
import dev.mantlemock.load.EdgeProbe;
import dev.mantlemock.load.LoadSettings;
import dev.mantlemock.load.PhaseStats;
import dev.mantlemock.load.ProbeFindings;
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
    private final LoadRun run = new LoadRun("QuotaProbe", "fast");
    private final QuotaPlan plan = new QuotaPlan(run.settings.quotaTpm(), run.shape);
    private final double window = run.settings.windowSeconds();
    private final EdgeProbe probe = newProbe();
    /**
     * One injector: steps start when the one before is answered, judged on its own answers. Several: steps on
     * the schedule from load.startAt, each injector offering its share, judged on the mock's own counts.
     */
    private final ProbeGate gate = run.settings.injectors() == 1
            ? new ProbeGate(run.meter, Math.round(run.settings.requestTimeoutSeconds() * 1000), probe.settleSeconds(), probe.measureSeconds())
            : new ProbeGate(run.meter, Math.round(run.settings.requestTimeoutSeconds() * 1000), probe.settleSeconds(), probe.measureSeconds(),
                    run::startAt, run.settings.rateShare(), run.settings.injectorIndex(), run.target.isMock() ? this::serverCount : null);
    /** Whole steps within the budget, each as long as the gate's slot (judging included with several injectors). */
    private final double stepsSeconds = Math.round(probe.budgetSeconds() / probe.stepSeconds()) * gate.slotMillis() / 1000.0;
    /** The warm-up, then the steps. */
    private final double budgetSeconds = EdgeProbe.WARM_UP_SECONDS + stepsSeconds;
    private volatile List<PhaseStats> decided = List.of();

    {
        // Users arrive at the highest rate the probe may offer; the gate passes the current step's share.
        // Several injectors: users are offered from Gatling's start, and the steps begin at the shared start, up to
        // load.startWaitSeconds later; the load generator stops once the probe ends, whichever comes first.
        Duration length = Duration.ofMillis((long) ((budgetSeconds + (run.settings.injectors() > 1 ? run.settings.startWaitSeconds() : 0)) * 1000) + 1000);
        // What the gate lets through at most: the warm-up's rate, then the top rate for every step.
        run.checkBound(run.settings.rateShare() * (probe.warmUpRate() * EdgeProbe.WARM_UP_SECONDS + probe.maxRate() * stepsSeconds));
        setUp(scenario("probe")
                .exec(stopLoadGeneratorIf("the probe has ended and every answer is in", s -> gate.stopped()))
                .exec(s -> s.set("phase", String.valueOf(gate.admit())))
                .exec(doIf(s -> !"null".equals(s.getString("phase"))).then(run.quotaCall(LoadRun.SESSION_PHASE)))
                // Users are the gate's ticks: each injector offers the whole top rate, so its sends fall within a
                // fraction of the interleave between injectors (most users pass without sending).
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

    /** The mock's own count of the Messages requests that arrived in whole seconds [from, to), every injector's. */
    private EdgeProbe.ServerCount serverCount(long fromSecond, long toSecond) {
        long requests = 0;
        long throttled = 0;
        for (com.fasterxml.jackson.databind.JsonNode s : run.target.serverSeconds(fromSecond, toSecond)) {
            requests += s.path("requests").asLong();
            throttled += s.path("throttled").asLong();
        }
        return new EdgeProbe.ServerCount(requests, throttled);
    }

    private EdgeProbe newProbe() {
        double latency = run.sampledLatencySeconds;
        long baselineP95 = Math.round(latency * 2000);
        return new EdgeProbe(plan, window, latency, run.settings.outputQuotaTpm(), baselineP95,
                run.settings.maxThrottledShare(), run.settings.stepSeconds(), run.settings.probeBudgetSeconds());
    }

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "QuotaProbe: edge predicted at %,.0f quota TPM (%s, %,.0f TPM at admission); %.0f s warm-up at %.0f%% of it, then steps of %.0f s settle + %.0f s measured, %.0f s budget%n",
                plan.settledTpm(probe.predictedRate()), new dev.mantlemock.load.ArrivalRate(probe.predictedRate()),
                plan.admissionTpm(probe.predictedRate()), EdgeProbe.WARM_UP_SECONDS, EdgeProbe.WARM_UP_SHARE * 100,
                probe.settleSeconds(), probe.measureSeconds(), budgetSeconds);
        probe.warnings().forEach(w -> System.out.println("QuotaProbe: WARNING " + w));
        // Not waiting here for a shared start: the gate waits for it once Gatling offers users, so the schedule
        // starts with every injector already injecting.
        run.markStartNow();
        Thread controller = new Thread(() -> {
            try {
                decided = probe.run(new EdgeProbe.StepRunner() {
                    @Override
                    public EdgeProbe.StepResult run(String name, double rate) {
                        announce(name, rate);
                        return gate.run(name, rate);
                    }

                    @Override
                    public void warmUp(double rate, double seconds) {
                        announce(EdgeProbe.WARM_UP, rate);
                        gate.warmUp(rate, seconds);
                    }
                });
            } finally {
                gate.finish();
            }
        }, "quota-probe");
        controller.setDaemon(true);
        controller.start();
    }

    private void announce(String phase, double rate) {
        System.out.printf(Locale.ROOT, "QuotaProbe: %s at %,.0f TPM offered at admission (%,.0f settled)%n",
                phase, plan.admissionTpm(rate), plan.settledTpm(rate));
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
            ProbeFindings.describe(edge, steps, run.target.isMock() && run.settings.injectors() == 1 ? run.settings.mockQuotaTpm() : null,
                    checks, result);
            run.records.decided("probe", Map.of("parameters", probe.parameters(), "steps", gate.windows()));
            if (run.settings.injectors() > 1) {
                result.put("NOTE this injector", "one of " + run.settings.injectors() + ": its own figures are a share;"
                        + " the merge of every injector's records gives the run's");
            }
            Map<String, Object> p = run.planBase();
            if (windowChosen) {
                p.put("mock quota window (s)", window + " (chosen by the probe for this shape)");
            }
            p.put("steps", String.format(Locale.ROOT, "%d x (%.0f s settle + %.0f s measured), around a predicted %,.0f quota TPM",
                    steps.size(), probe.settleSeconds(), probe.measureSeconds(), plan.settledTpm(probe.predictedRate())));
            p.put("arithmetic", probe.arithmetic());
            run.publish(RunSummary.of("QuotaProbe", run.target.describe(), p, steps,
                    run.overall(EdgeProbe.WARM_UP_SECONDS + Math.max(1, steps.size()) * probe.stepSeconds()), checks, result));
        } finally {
            run.close();
        }
    }
}
