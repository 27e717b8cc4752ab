package dev.mantlemock.load;

/**
 * What one request came to, as the load generator saw it.
 *
 * @param phase        the part of the run it belongs to ("below quota", "step 07", ...)
 * @param sentAtMillis wall-clock time the request was sent
 * @param status       HTTP status; 0 when no status was seen (connection failure, broken stream)
 * @param inputTokens  {@code usage.input_tokens} of an answered request, else 0
 * @param outputTokens {@code usage.output_tokens} of an answered request, else 0
 * @param maxTokens    the request's {@code max_tokens} (its admission reservation)
 * @param latencyMillis from send to the last byte
 * @param ttftMillis   from send to the first {@code content_block_delta}, or -1 when not streamed or not measured
 */
public record Outcome(String phase, long sentAtMillis, int status, long inputTokens, long outputTokens,
                      long maxTokens, long latencyMillis, long ttftMillis) {
    public boolean throttled() {
        return status == 429;
    }

    public boolean answered() {
        return status == 200;
    }

    /** What stays charged to the input-TPM quota once the unused {@code max_tokens} is refunded. */
    public long settledCharge() {
        return answered() ? inputTokens + outputTokens : 0;
    }

    /** Output tokens per second after the first token: the stream's generation speed; -1 unless streamed and timed. */
    public double outputTokensPerSecond() {
        long generating = latencyMillis - ttftMillis;
        return answered() && ttftMillis >= 0 && generating > 0 && outputTokens > 1 ? (outputTokens - 1) * 1000.0 / generating : -1;
    }
}
