package dev.mantlemock.load;

import java.util.Locale;

/** The quota assertions, in one place so the simulations, the summary and the tests agree on them. */
public final class QuotaChecks {
    private QuotaChecks() {}

    /** Below the quota, almost nothing may be throttled. */
    public static Check fewThrottled(PhaseStats phase, double maxShare) {
        return Check.of(phase.phase() + ": fewer than " + percent(maxShare) + " of requests throttled",
                phase.throttledShare() < maxShare,
                percent(phase.throttledShare()) + " (" + phase.throttled() + " of " + phase.requests() + ")");
    }

    /** The same assertion applied where it must fail: proves the run would notice throttling. */
    public static Check fewThrottledControl(PhaseStats phase, double maxShare) {
        Check c = fewThrottled(phase, maxShare);
        return new Check(c.name() + " (control: must NOT hold)", c.held(), c.observed(), true);
    }

    /** Above the quota, the window must refuse about the excess: {@code 1 - 1/loadFactor} of what is offered. */
    public static Check throttledNearExcess(PhaseStats phase, double expectedShare, double tolerance) {
        return Check.of(phase.phase() + ": throttled share within " + points(tolerance) + " of the expected " + percent(expectedShare),
                Math.abs(phase.throttledShare() - expectedShare) <= tolerance,
                percent(phase.throttledShare()) + " (" + phase.throttled() + " of " + phase.requests() + ")");
    }

    /** Errors other than 429 mean the run measured something else than the quota. */
    public static Check noOtherErrors(PhaseStats phase) {
        return Check.of(phase.phase() + ": no errors other than 429", phase.otherErrors() == 0,
                phase.otherErrors() + " other errors");
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String points(double share) {
        return String.format(Locale.ROOT, "%.1f points", share * 100);
    }
}
