package dev.mantlemock.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The quota probe's plan and its search, independent of what sends the requests: Gatling against a
 * mock or AWS, or a model of the mock's quota in a test. Each step offers one arrival rate for
 * {@link #settleSeconds()} (the window turns over, so the step before no longer counts) and then
 * {@link #measureSeconds()}, which alone is judged. The steps follow {@link EdgeSearch} around the
 * edge {@link QuotaPlan#edgeRate} predicts, until the bracket is at most 1% of the quota wide.
 */
public final class EdgeProbe {
    /** The bracket width the search aims at, as a share of the quota. */
    public static final double RESOLUTION = 0.01;
    /** Requests a measured part should hold, so a 1% share of 429s is more than one request. */
    static final int MEASURED_REQUESTS = 150;
    /** The load generator offers up to this multiple of the predicted edge. */
    public static final double MAX_RATE_FACTOR = 3;
    /** Steps the time budget allows when none is given: enough to bracket and bisect a prediction 20% off. */
    public static final int DEFAULT_BUDGET_STEPS = 12;
    /**
     * Before the first step, this share of the predicted rate for {@value #WARM_UP_SECONDS} s, not judged: cold
     * JITs and connection pools (the injectors' and a fresh mock's) bunch the first seconds' requests, and a
     * first step 3% below the edge read their 429s as the edge.
     */
    public static final double WARM_UP_SHARE = 0.8;
    public static final double WARM_UP_SECONDS = 10;
    /** The phase the warm-up's requests are named after. */
    public static final String WARM_UP = "warm-up";

    private final QuotaPlan plan;
    private final double windowSeconds;
    private final double latencySeconds;
    private final long outputQuotaTpm;
    private final double maxShare;
    private long lateMillis;
    private final double settleSeconds;
    private final double measureSeconds;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final EdgeSearch search;
    private final int maxSteps;
    private final List<Double> rates = new ArrayList<>();

    /**
     * What a step sent: the outcomes of its measured part that were answered by its end, and when the
     * rest were sent (an answer still missing long after it was sent is a late one).
     */
    public record StepResult(List<Outcome> measured, List<Long> unansweredSentAtMillis, long endedAtMillis, ServerCount server) {
        public StepResult(List<Outcome> measured, List<Long> unansweredSentAtMillis, long endedAtMillis) {
            this(measured, unansweredSentAtMillis, endedAtMillis, null);
        }

        long unansweredOlderThan(long millis) {
            return unansweredSentAtMillis.stream().filter(t -> t < endedAtMillis - millis).count();
        }
    }

    /**
     * What the mock itself counted in a step's measured part, over every injector: the global truth
     * several injectors judge a step by, so they all decide alike and stay in step.
     */
    public record ServerCount(long requests, long throttled) {
        public double throttledShare() {
            return requests == 0 ? 0 : throttled / (double) requests;
        }
    }

    /** Runs one step: offers {@code ratePerSecond} for settle + measure seconds, labelling the measured requests {@code name}. */
    @FunctionalInterface
    public interface StepRunner {
        StepResult run(String name, double ratePerSecond);

        /** Offers {@code ratePerSecond} for {@code seconds}, judging nothing (a model of the quota has nothing to warm). */
        default void warmUp(double ratePerSecond, double seconds) {
        }
    }

    /**
     * @param plan            the quota and the calibrated shape
     * @param windowSeconds   the quota window (60 for Mantle; the mock's {@code --quota-window})
     * @param latencySeconds  mean answer time measured before the run: in-flight answers hold their reservation
     * @param outputQuotaTpm  the output-TPM quota: if the plan reaches it first, the edge found is not the input quota's
     * @param baselineP95Ms   p95 answer time of unloaded requests: the latency knee is measured against it
     * @param maxShare        "almost no 429s"
     * @param stepSeconds     each step's length, or 0 for the window plus enough time for {@value #MEASURED_REQUESTS} requests
     * @param budgetSeconds   the time budget: the search stops after as many whole steps; 0 for {@value #DEFAULT_BUDGET_STEPS} steps
     */
    public EdgeProbe(QuotaPlan plan, double windowSeconds, double latencySeconds, long outputQuotaTpm, long baselineP95Ms,
                     double maxShare, double stepSeconds, double budgetSeconds) {
        parameters.put("quotaInputTpm", plan.quotaInputTpm());
        parameters.put("inputTokens", plan.shape().inputTokens());
        parameters.put("maxTokens", plan.shape().maxTokens());
        parameters.put("outputTokens", plan.shape().expectedOutputTokens());
        parameters.put("streamingShare", plan.shape().streamingShare());
        parameters.put("windowSeconds", windowSeconds);
        parameters.put("latencySeconds", latencySeconds);
        parameters.put("outputQuotaTpm", outputQuotaTpm);
        parameters.put("baselineP95Ms", baselineP95Ms);
        parameters.put("maxShare", maxShare);
        parameters.put("stepSeconds", stepSeconds);
        parameters.put("budgetSeconds", budgetSeconds);
        this.plan = plan;
        this.windowSeconds = windowSeconds;
        this.latencySeconds = latencySeconds;
        this.outputQuotaTpm = outputQuotaTpm;
        this.maxShare = maxShare;
        this.lateMillis = StepVerdict.lateMillis(baselineP95Ms);
        double predicted = plan.edgeRate(windowSeconds, latencySeconds).perSecond();
        // The window must turn over (plus an answer's time) before a step is judged: what the step before left in it does not count.
        this.settleSeconds = windowSeconds + latencySeconds;
        this.measureSeconds = stepSeconds > 0 ? Math.max(1, stepSeconds - settleSeconds)
                : Math.max(windowSeconds, Math.min(10 * windowSeconds, MEASURED_REQUESTS / predicted));
        double resolutionRate = RESOLUTION * plan.quotaInputTpm() / 60.0 / plan.shape().settledCharge();
        this.maxSteps = budgetSeconds > 0 ? (int) Math.max(1, Math.floor(budgetSeconds / stepSeconds())) : DEFAULT_BUDGET_STEPS;
        this.search = new EdgeSearch(predicted, resolutionRate, maxSteps, predicted * MAX_RATE_FACTOR);
    }

    public double settleSeconds() {
        return settleSeconds;
    }

    public double measureSeconds() {
        return measureSeconds;
    }

    public double stepSeconds() {
        return settleSeconds + measureSeconds;
    }

    /** The longest the search can take: whole steps within the budget (the warm-up before them is not counted). */
    public double budgetSeconds() {
        return maxSteps * stepSeconds();
    }

    public double predictedRate() {
        return plan.edgeRate(windowSeconds, latencySeconds).perSecond();
    }

    /** The warm-up's arrival rate, requests per second. */
    public double warmUpRate() {
        return predictedRate() * WARM_UP_SHARE;
    }

    /** The highest arrival rate the load generator must be able to offer. */
    public double maxRate() {
        return predictedRate() * MAX_RATE_FACTOR;
    }

    public static String name(int step) {
        return String.format(Locale.ROOT, "step %02d", step);
    }

    /** Runs the whole search; returns each step's statistics in the order run. */
    public List<PhaseStats> run(StepRunner runner) {
        runner.warmUp(warmUpRate(), WARM_UP_SECONDS);
        List<PhaseStats> stats = new ArrayList<>();
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            String name = name(rates.size());
            StepResult r = runner.run(name, rate);
            rates.add(rate);
            search.record(rate, r.server() != null ? StepVerdict.ofServer(r.server(), maxShare)
                    : StepVerdict.of(r.measured(), r.unansweredOlderThan(lateMillis), maxShare, lateMillis));
            PhaseStats step = PhaseStats.of(name, r.measured(), measureSeconds);
            stats.add(step);
            if (stats.size() == 1 && step.answered() > 0) {
                // The first step, just below the predicted edge, shows unloaded answer times better than a few cold samples.
                lateMillis = Math.min(lateMillis, StepVerdict.lateMillis(step.latencyP95Ms()));
            }
        }
        return stats;
    }

    /** What this probe was built from, for an injector's records: {@link #fromParameters} builds the same probe. */
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>(parameters);
    }

    /** The probe {@link #parameters()} describe: the merge replays the steps as run on it. */
    public static EdgeProbe fromParameters(Map<String, ?> p) {
        RequestShape shape = new RequestShape(num(p, "inputTokens").longValue(), num(p, "maxTokens").longValue(),
                num(p, "outputTokens").longValue(), num(p, "streamingShare").doubleValue());
        return new EdgeProbe(new QuotaPlan(num(p, "quotaInputTpm").longValue(), shape), num(p, "windowSeconds").doubleValue(),
                num(p, "latencySeconds").doubleValue(), num(p, "outputQuotaTpm").longValue(), num(p, "baselineP95Ms").longValue(),
                num(p, "maxShare").doubleValue(), num(p, "stepSeconds").doubleValue(), num(p, "budgetSeconds").doubleValue());
    }

    private static Number num(Map<String, ?> p, String key) {
        if (!(p.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("the probe's parameters lack '" + key + "': " + p);
        }
        return n;
    }

    /** The search as run elsewhere: each step's rate and the verdict on it (the merge, on every injector's records). */
    public void replay(List<Double> stepRates, List<StepVerdict> verdicts) {
        for (int i = 0; i < stepRates.size(); i++) {
            rates.add(stepRates.get(i));
            search.record(stepRates.get(i), verdicts.get(i));
        }
    }

    public long lateMillis() {
        return lateMillis;
    }

    public EdgeSearch search() {
        return search;
    }

    /** The offered rate of each step run, requests per second, in order. */
    public List<Double> rates() {
        return List.copyOf(rates);
    }

    /**
     * The edge as found, from the steps' final statistics (answers that came in after a step was judged
     * included): the sustained figure, its uncertainty, the quota it implies, and why the edge is there.
     */
    public Edge edge(List<PhaseStats> steps) {
        Double lo = search.sustainedRate();
        Double hi = search.refusedRate();
        PhaseStats best = lo == null ? null : steps.get(rates.indexOf(lo));
        StepVerdict why = hi == null ? null : search.steps().get(rates.indexOf(hi)).verdict();
        double sustained = best == null ? 0 : best.quotaTpm();
        double bracket = lo == null || hi == null ? Double.NaN : plan.settledTpm(hi) - plan.settledTpm(lo);
        double latency = best == null || best.answered() == 0 ? latencySeconds : best.latencyMeanMs() / 1000.0;
        double implied = best == null ? Double.NaN : plan.impliedQuotaTpm(sustained, windowSeconds, latency);
        return new Edge(best == null ? null : best.phase(), sustained, bracket, plan.granularityTpm(windowSeconds), implied,
                lo == null ? Double.NaN : plan.admissionTpm(lo), why == null ? "not reached" : why.reason(),
                search.outcome(), search.resolved(), warnings());
    }

    /** What makes the figure less than a 2% answer about the input-TPM quota, in words; empty when nothing does. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!plan.windowHoldsEnough(windowSeconds)) {
            w.add(String.format(Locale.ROOT, "a %.0f s window holds only %.0f requests at admission: one request more or less moves the edge by %.0f%%;"
                            + " a window of %.0f s or more resolves it to 2%%", windowSeconds,
                    plan.limitPerWindow(windowSeconds) / plan.shape().admissionCharge(),
                    100.0 * plan.shape().admissionCharge() / plan.limitPerWindow(windowSeconds), plan.shortestAccurateWindowSeconds()));
        }
        double inFlight = plan.inFlightShare(windowSeconds, latencySeconds);
        if (inFlight > 0.25) {
            w.add(String.format(Locale.ROOT, "answers in flight hold %.0f%% of the window as unused max_tokens: the edge depends on how their times spread;"
                    + " a longer window or a max_tokens nearer the answers' length resolves it better", inFlight * 100));
        }
        if (plan.outputQuotaBindsFirst(outputQuotaTpm, windowSeconds, latencySeconds)) {
            w.add(String.format(Locale.ROOT, "at the input quota these answers would generate %,.0f output TPM, over the %,d output quota:"
                            + " the edge found is the output quota's", plan.edgeRate(windowSeconds, latencySeconds).perSecond() * 60
                            * plan.shape().expectedOutputTokens(), outputQuotaTpm));
        }
        return w;
    }

    /**
     * The probe's answer.
     *
     * @param step                the highest step sustained (null if none)
     * @param sustainedQuotaTpm   quota TPM (input + output after refunds) that step achieved: the number to quote
     * @param bracketTpm          the edge lies within this much above it (settled TPM between the last sustained and first refused rates)
     * @param granularityTpm      how finely whole requests in one window can resolve a quota (half a settled request per window)
     * @param impliedQuotaTpm     the input-TPM quota that explains the sustained figure with this shape and window
     * @param offeredAdmissionTpm the sustained step's offered rate in admission charge (input + max_tokens) per minute
     * @param reason              what showed the edge: 429s, or a latency knee without them
     * @param outcome             why the search ended
     * @param resolved            whether the bracket reached the resolution
     * @param warnings            what makes the figure less than a 2% answer (see {@link EdgeProbe#warnings()})
     */
    public record Edge(String step, double sustainedQuotaTpm, double bracketTpm, double granularityTpm, double impliedQuotaTpm,
                       double offeredAdmissionTpm, String reason, String outcome, boolean resolved, List<String> warnings) {
        /** Plus or minus: half the bracket and the window's granularity. */
        public double uncertaintyTpm() {
            return (Double.isNaN(bracketTpm) ? 0 : bracketTpm / 2) + granularityTpm;
        }

        /** For the summary JSON: numbers as numbers. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.put("sustainedQuotaTpm", Math.round(sustainedQuotaTpm));
            m.put("bracketTpm", Double.isNaN(bracketTpm) ? null : Math.round(bracketTpm));
            m.put("granularityTpm", Math.round(granularityTpm));
            m.put("uncertaintyTpm", Math.round(uncertaintyTpm()));
            m.put("impliedQuotaTpm", Double.isNaN(impliedQuotaTpm) ? null : Math.round(impliedQuotaTpm));
            m.put("offeredAdmissionTpm", Double.isNaN(offeredAdmissionTpm) ? null : Math.round(offeredAdmissionTpm));
            m.put("reason", reason);
            m.put("outcome", outcome);
            m.put("resolved", resolved);
            m.put("warnings", warnings);
            return m;
        }
    }

    /** The plan's arithmetic as numbers, for the summary (and the HTML report's words). */
    public Map<String, Object> arithmetic() {
        RequestShape s = plan.shape();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quotaInputTpm", plan.quotaInputTpm());
        m.put("windowSeconds", windowSeconds);
        m.put("limitPerWindow", Math.round(plan.limitPerWindow(windowSeconds)));
        m.put("admissionCharge", s.admissionCharge());
        m.put("settledCharge", s.settledCharge());
        m.put("unusedReservation", s.unusedReservation());
        m.put("meanLatencySeconds", latencySeconds);
        m.put("predictedEdgeRatePerSecond", predictedRate());
        m.put("predictedEdgeQuotaTpm", Math.round(plan.settledTpm(predictedRate())));
        m.put("predictedEdgeAdmissionTpm", Math.round(plan.admissionTpm(predictedRate())));
        m.put("granularityTpm", Math.round(plan.granularityTpm(windowSeconds)));
        m.put("admissionsPerWindow", Math.floor(plan.limitPerWindow(windowSeconds) / s.admissionCharge()));
        m.put("shortestAccurateWindowSeconds", plan.shortestAccurateWindowSeconds());
        m.put("outputQuotaTpm", outputQuotaTpm);
        m.put("outputTpmAtPredictedEdge", Math.round(predictedRate() * 60 * s.expectedOutputTokens()));
        m.put("resolutionTpm", Math.round(RESOLUTION * plan.quotaInputTpm()));
        m.put("settleSeconds", settleSeconds);
        m.put("measureSeconds", measureSeconds);
        m.put("lateMillis", lateMillis);
        return m;
    }
}
