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

    /** Output tokens per minute the plan generates at {@code loadFactor}: must stay under the output quota to test input TPM alone. */
    public double outputTpmAt(double loadFactor) {
        double admittedPerMinute = Math.min(rateAt(loadFactor).perSecond(), sustainableRate().perSecond()) * 60;
        return admittedPerMinute * shape.expectedOutputTokens();
    }
}
