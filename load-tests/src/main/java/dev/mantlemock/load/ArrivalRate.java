package dev.mantlemock.load;

import java.time.Duration;

/** An open-model arrival rate: new requests per second, whatever the server's latency. */
public record ArrivalRate(double perSecond) {
    public ArrivalRate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("an arrival rate must be above 0, was " + perSecond);
        }
    }

    public double perMinute() {
        return perSecond * 60;
    }

    /** How many requests this rate sends in {@code d}: the bound a run promises to stay within. */
    public long requestsIn(Duration d) {
        // The epsilon keeps floating-point dust (1000.0000001) from counting as one more request.
        return (long) Math.ceil(perSecond * d.toMillis() / 1000.0 - 1e-6);
    }

    public ArrivalRate times(double factor) {
        return new ArrivalRate(perSecond * factor);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.2f req/s (%.0f req/min)", perSecond, perMinute());
    }
}
