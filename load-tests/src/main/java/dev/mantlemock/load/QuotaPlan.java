package dev.mantlemock.load;

/**
 * The arithmetic from a quota and a request shape to the load that tests it.
 *
 * <p>Mantle admits a request only if input + {@code max_tokens} still fits the input-TPM window, so
 * a plan sizes its arrival rate on that admission charge: {@code rate = targetTpm / (input + max_tokens)}
 * per minute. It is the conservative figure: when answers are shorter than {@code max_tokens} the
 * refund lets more through (see {@link #sustainableRate()}).
 *
 * @param quotaInputTpm the input-TPM quota under test (tokens per minute, whatever the window length)
 * @param shape         what one request charges
 */
public record QuotaPlan(long quotaInputTpm, RequestShape shape) {
    public QuotaPlan {
        if (quotaInputTpm < 1) {
            throw new IllegalArgumentException("the input TPM quota must be at least 1, was " + quotaInputTpm);
        }
    }

    /** The arrival rate that asks for {@code targetInputTpm} of admission charge. */
    public ArrivalRate rateFor(double targetInputTpm) {
        return new ArrivalRate(targetInputTpm / shape.admissionCharge() / 60.0);
    }

    /** The arrival rate at {@code loadFactor} times the quota (1.0 = exactly the quota). */
    public ArrivalRate rateAt(double loadFactor) {
        return rateFor(quotaInputTpm * loadFactor);
    }

    /**
     * The rate the window admits in the long run once refunds are in: each admitted request leaves
     * input + actual output in the window. Equal to {@link #rateAt rateAt(1.0)} when answers use all of max_tokens.
     */
    public ArrivalRate sustainableRate() {
        return new ArrivalRate(quotaInputTpm / (double) shape.settledCharge() / 60.0);
    }

    /**
     * The share of requests a sliding window must refuse at {@code loadFactor} times the quota, in
     * the steady state: what is offered above the sustainable rate, as a share of what is offered.
     */
    public double expectedThrottledShare(double loadFactor) {
        double offered = rateAt(loadFactor).perSecond();
        double admitted = Math.min(offered, sustainableRate().perSecond());
        return 1 - admitted / offered;
    }

    /**
     * The share a window must refuse when requests really arrived at {@code offeredPerSecond} and
     * really settled {@code settledCharge} each: the same arithmetic on what a run measured, so a load
     * generator that fell behind its plan on a busy machine does not make the expectation wrong.
     */
    public double expectedThrottledShareAt(double offeredPerSecond, double settledCharge) {
        double sustainable = quotaInputTpm / settledCharge / 60.0;
        return offeredPerSecond <= sustainable ? 0 : 1 - sustainable / offeredPerSecond;
    }

    /** Output tokens per minute the plan generates at {@code loadFactor}: must stay under the output quota to test input TPM alone. */
    public double outputTpmAt(double loadFactor) {
        double admittedPerMinute = Math.min(rateAt(loadFactor).perSecond(), sustainableRate().perSecond()) * 60;
        return admittedPerMinute * shape.expectedOutputTokens();
    }
    // ---- where the edge is: the arithmetic the probe plans with (docs/quota-probe.md) --------------

    /** The input-TPM quota as a window of {@code windowSeconds} holds it. */
    public double limitPerWindow(double windowSeconds) {
        return quotaInputTpm * windowSeconds / 60.0;
    }

    /**
     * Tokens one request holds in the window, integrated over time (token-seconds): its settled
     * charge for the whole window, plus the unused {@code max_tokens} for as long as the answer is in
     * flight (the reservation is refunded only at completion).
     */
    double heldPerRequest(double windowSeconds, double latencySeconds) {
        return windowSeconds * shape.settledCharge() + latencySeconds * shape.unusedReservation();
    }

    /**
     * The arrival rate at which throttling starts, for evenly spaced arrivals. A request is admitted
     * when the window still has room for its whole admission charge: with {@code n} requests per
     * window the newest finds the other {@code n - 1} settled in it, so the window fills at
     * {@code n = floor((limit - admission) / settled) + 1}, less what in-flight answers still reserve.
     */
    public ArrivalRate edgeRate(double windowSeconds, double latencySeconds) {
        double room = limitPerWindow(windowSeconds) - shape.admissionCharge() + shape.settledCharge() / 2.0;
        return new ArrivalRate(Math.max(room, shape.settledCharge()) / heldPerRequest(windowSeconds, latencySeconds));
    }

    /** Quota TPM (input + output, after refunds) that {@code ratePerSecond} answered requests leave in the window. */
    public double settledTpm(double ratePerSecond) {
        return ratePerSecond * shape.settledCharge() * 60;
    }

    /** The offered rate, as the probe names its steps: admission-charge TPM. */
    public double admissionTpm(double ratePerSecond) {
        return ratePerSecond * shape.admissionCharge() * 60;
    }

    /**
     * The quota that explains a sustained figure: the inverse of {@link #edgeRate}. The sustained
     * quota TPM falls short of the quota by the headroom the next admission needs (its unused
     * reservation, less half a request for the window's granularity) and by the reservations of
     * answers still in flight.
     */
    public double impliedQuotaTpm(double sustainedQuotaTpm, double windowSeconds, double latencySeconds) {
        double ratePerSecond = sustainedQuotaTpm / 60.0 / shape.settledCharge();
        double limit = ratePerSecond * heldPerRequest(windowSeconds, latencySeconds)
                + shape.admissionCharge() - shape.settledCharge() / 2.0;
        return limit * 60.0 / windowSeconds;
    }

    /**
     * How finely a window can tell quotas apart: whole requests fit in it, so a quota is known to
     * within half a settled request per window, in TPM.
     */
    public double granularityTpm(double windowSeconds) {
        return shape.settledCharge() * 30.0 / windowSeconds;
    }
    /**
     * Admission charges a window must hold for the probe to land within 2% of the quota. Below it the
     * window holds so few requests that one more or less (or one more answer in flight) moves the edge
     * by several percent: the mock's compressed windows can get there, Mantle's 60 s rarely does.
     */
    public static final int ADMISSIONS_PER_WINDOW = 40;

    /** Whether a window of {@code windowSeconds} holds enough requests to resolve the quota to 2%. */
    public boolean windowHoldsEnough(double windowSeconds) {
        return limitPerWindow(windowSeconds) >= ADMISSIONS_PER_WINDOW * (double) shape.admissionCharge();
    }

    /** The shortest window, in whole seconds from 2 to 60, that {@linkplain #windowHoldsEnough holds enough}. */
    public double shortestAccurateWindowSeconds() {
        double seconds = Math.ceil(ADMISSIONS_PER_WINDOW * (double) shape.admissionCharge() * 60.0 / quotaInputTpm);
        return Math.min(60, Math.max(2, seconds));
    }

    /**
     * Whether the output-TPM quota is reached before the input-TPM quota: the edge found would then be
     * the output quota's, and the figure would not be the input quota.
     */
    public boolean outputQuotaBindsFirst(long outputQuotaTpm, double windowSeconds, double latencySeconds) {
        return edgeRate(windowSeconds, latencySeconds).perSecond() * 60 * shape.expectedOutputTokens() > outputQuotaTpm;
    }

    /**
     * The share of the window's content that answers in flight hold as unused reservation. Above a
     * quarter the edge depends on how answers' times spread, not only on their mean, and the probe
     * cannot promise 2%.
     */
    public double inFlightShare(double windowSeconds, double latencySeconds) {
        return latencySeconds * shape.unusedReservation() / heldPerRequest(windowSeconds, latencySeconds);
    }
}
