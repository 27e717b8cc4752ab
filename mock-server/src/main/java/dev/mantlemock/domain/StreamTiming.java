package dev.mantlemock.domain;

/**
 * Pacing of a streamed answer.
 *
 * @param timeToFirstTokenMillis delay before the first content delta
 * @param tokensPerSecond        output speed; 0 means as fast as possible
 * @param jitter                 relative spread of each delay, 0..1
 * @param seed                   seed of the jitter, so a paced stream is reproducible
 */
public record StreamTiming(long timeToFirstTokenMillis, double tokensPerSecond, double jitter, long seed) {
    /** The default: no delay at all, for fast tests. */
    public static final StreamTiming FAST = new StreamTiming(0, 0, 0, 0);
    /** Roughly what a large model feels like: 600 ms to first token, 60 tokens/s, 20% jitter. */
    public static final StreamTiming REALISTIC = new StreamTiming(600, 60, 0.2, 42);
}
