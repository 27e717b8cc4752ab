package dev.mantlemock.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Where the probe looks next. It starts just below the edge the plan predicts, brackets the edge
 * with coarse steps (each further from the last, so a poor prediction costs a few steps, not many),
 * then halves the bracket until it is no wider than {@code resolution} or the step budget is spent.
 * Rates are arrival rates in requests per second; the caller says of each step whether it was
 * sustained. Pure and deterministic, so the whole search can be tested against a model of the quota.
 */
public final class EdgeSearch {
    /** The first step is this far below the predicted edge, so it normally lands on the sustained side. */
    static final double FIRST_BELOW = 0.03;
    /** The first coarse move; it doubles while the edge is not bracketed yet. */
    static final double FIRST_MOVE = 0.03;

    private final double predicted;
    private final double resolution;
    private final int maxSteps;
    private final double maxRate;
    private final List<Step> steps = new ArrayList<>();
    private double move = FIRST_MOVE;
    private Double lo;
    private Double hi;

    /** One step tried and what it showed. */
    public record Step(double rate, StepVerdict verdict) {}

    /**
     * @param predictedRate the edge the plan predicts, requests per second
     * @param resolution    the bracket width at which the search stops, requests per second
     * @param maxSteps      the time budget, in steps
     * @param maxRate       the highest rate the load generator can offer
     */
    public EdgeSearch(double predictedRate, double resolution, int maxSteps, double maxRate) {
        if (!(predictedRate > 0) || !(resolution > 0) || maxSteps < 1 || !(maxRate >= predictedRate)) {
            throw new IllegalArgumentException("an edge search needs a predicted rate and resolution above 0, a step, and a top rate at or above the prediction");
        }
        this.predicted = predictedRate;
        this.resolution = resolution;
        this.maxSteps = maxSteps;
        this.maxRate = maxRate;
    }

    /** The rate of the next step, or empty when the edge is found, the budget is spent, or the edge is out of reach. */
    public OptionalDouble next() {
        if (resolved() || steps.size() >= maxSteps) {
            return OptionalDouble.empty();
        }
        if (steps.isEmpty()) {
            return OptionalDouble.of(predicted * (1 - FIRST_BELOW));
        }
        if (lo != null && hi != null) {
            return OptionalDouble.of((lo + hi) / 2);
        }
        if (hi == null) {
            if (lo >= maxRate) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Math.min(maxRate, lo * (1 + move)));
        }
        double down = hi / (1 + move);
        return down < predicted / 64 ? OptionalDouble.empty() : OptionalDouble.of(down);
    }

    /** What the step at {@code rate} showed. */
    public void record(double rate, StepVerdict verdict) {
        steps.add(new Step(rate, verdict));
        boolean bracketed = lo != null && hi != null;
        if (verdict.sustained()) {
            lo = lo == null ? rate : Math.max(lo, rate);
        } else {
            hi = hi == null ? rate : Math.min(hi, rate);
        }
        if (lo != null && hi != null && lo >= hi) {
            // A step sustained above a refused one (noise): the refusal wins, the sustained figure is the best below it.
            double top = hi;
            lo = steps.stream().filter(s -> s.verdict().sustained() && s.rate() < top)
                    .map(Step::rate).max(Double::compare).orElse(null);
        }
        if (!bracketed && !(lo != null && hi != null)) {
            move *= 2;
        }
    }

    /** True once the bracket is no wider than the resolution. */
    public boolean resolved() {
        return lo != null && hi != null && hi - lo <= resolution;
    }

    /** The highest rate sustained, or null if none was. */
    public Double sustainedRate() {
        return lo;
    }

    /** The lowest rate that was not sustained, or null if every step was. */
    public Double refusedRate() {
        return hi;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Why the search ended, in words. */
    public String outcome() {
        if (resolved()) {
            return "edge bracketed to the resolution";
        }
        if (lo == null) {
            return "no step was sustained: the edge is below " + String.format(java.util.Locale.ROOT, "%.3f", predicted / 64) + " req/s or the target fails otherwise";
        }
        if (hi == null) {
            return "every step was sustained, up to the highest rate the probe offers: the edge is higher than planned";
        }
        return "time budget spent before the bracket reached the resolution";
    }
}
