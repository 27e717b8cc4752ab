package dev.mantlemock.latency;

import java.util.Locale;

/**
 * How long one model takes, as the latency model sees it: a fixed overhead and a prefill time per input
 * token before the first token, then a steady output speed; both slowed by the requests in flight for
 * the same model (the queueing knee llm-d's inference simulator models with its time factor under load).
 *
 * @param overheadMillis            time to first token of an empty prompt, unloaded
 * @param prefillMillisPer1kInput   added time to first token per 1,000 input tokens (cache reads excluded)
 * @param tokensPerSecond           output speed, unloaded
 * @param capacity                  requests in flight for the model at which times are {@code slowdownAtCapacity} times longer
 * @param slowdownAtCapacity        the factor at {@code capacity}; it keeps growing in a line beyond it
 * @param source                    where the figures come from ("[I] inferred ..." when nothing is published)
 */
public record LatencyProfile(double overheadMillis, double prefillMillisPer1kInput, double tokensPerSecond, int capacity,
                             double slowdownAtCapacity, String source) {
    public LatencyProfile {
        if (overheadMillis < 0 || prefillMillisPer1kInput < 0 || !(tokensPerSecond > 0) || capacity < 2 || slowdownAtCapacity < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a latency profile needs overhead-ms and prefill-ms-per-1k-input-tokens >= 0, tokens-per-second > 0,"
                            + " capacity >= 2 and slowdown-at-capacity >= 1; was %s, %s, %s, %d, %s",
                    overheadMillis, prefillMillisPer1kInput, tokensPerSecond, capacity, slowdownAtCapacity));
        }
    }

    /** How much slower everything is with {@code inFlight} requests of the model running (this one included). */
    public double slowdown(int inFlight) {
        return 1 + (slowdownAtCapacity - 1) * Math.max(0, inFlight - 1) / (double) (capacity - 1);
    }

    /** Time to first token for a prompt of {@code prefillTokens} (input not read from the cache). */
    public double timeToFirstTokenMillis(int prefillTokens, int inFlight) {
        return (overheadMillis + prefillMillisPer1kInput * prefillTokens / 1000.0) * slowdown(inFlight);
    }

    /** Output speed with {@code inFlight} requests of the model running. */
    public double tokensPerSecond(int inFlight) {
        return tokensPerSecond / slowdown(inFlight);
    }
}
