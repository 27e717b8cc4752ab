package dev.mantlemock.kit;

import java.time.Duration;

/**
 * The bounds {@link MantleMock#assertClientWasResilient} judges a client by. The defaults fit the official
 * SDKs (first backoff 0.375 to 0.5 s, doubling, 2 retries) with room to spare; change them for a client
 * with other settings.
 */
public final class Resilience {
    private Duration minBackoff = Duration.ofMillis(100);
    private int maxAttempts = 5;
    private Duration tolerance = Duration.ofMillis(5);

    public static Resilience defaults() {
        return new Resilience();
    }

    /** The shortest wait before retrying a 5xx, a 529 or a 429 without {@code retry-after} (default 100 ms). */
    public Resilience minBackoff(Duration wait) {
        this.minBackoff = wait;
        return this;
    }

    /** The most times one request may be sent, the first included (default 5). */
    public Resilience maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    /**
     * How much earlier than {@code retry-after} a retry may arrive (default 5 ms): the mock's clock reads
     * receipt times to the microsecond, a client's timer may round.
     */
    public Resilience tolerance(Duration slack) {
        this.tolerance = slack;
        return this;
    }

    Duration minBackoff() { return minBackoff; }

    int maxAttempts() { return maxAttempts; }

    Duration tolerance() { return tolerance; }
}
