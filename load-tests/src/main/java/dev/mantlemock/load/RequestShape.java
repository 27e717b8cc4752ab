package dev.mantlemock.load;

/**
 * What one request of the traffic looks like, as far as the quota is concerned: the input tokens
 * it sends, the {@code max_tokens} it asks for, the output it really gets, and how often it streams.
 *
 * @param inputTokens        uncached input tokens per request (as {@code count_tokens} reports them)
 * @param maxTokens          the request's {@code max_tokens}: Mantle reserves it against input TPM at admission
 * @param expectedOutputTokens output actually generated; the rest of {@code max_tokens} is refunded on completion
 * @param streamingShare     fraction of requests sent with {@code "stream": true}, 0..1
 */
public record RequestShape(long inputTokens, long maxTokens, long expectedOutputTokens, double streamingShare) {
    public RequestShape {
        if (inputTokens < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("input tokens and max_tokens must be at least 1, were " + inputTokens + " and " + maxTokens);
        }
        if (expectedOutputTokens < 0 || expectedOutputTokens > maxTokens) {
            throw new IllegalArgumentException("expected output tokens must be between 0 and max_tokens (" + maxTokens + "), was " + expectedOutputTokens);
        }
        if (!(streamingShare >= 0 && streamingShare <= 1)) {
            throw new IllegalArgumentException("the streaming share must be between 0 and 1, was " + streamingShare);
        }
    }

    /** What admission takes from the input-TPM window: input plus the whole {@code max_tokens} reservation. */
    public long admissionCharge() {
        return inputTokens + maxTokens;
    }

    /** What stays in the input-TPM window after the unused reservation is refunded. */
    public long settledCharge() {
        return inputTokens + expectedOutputTokens;
    }

    /** The part of the {@code max_tokens} reservation an answer does not use: refunded at completion. */
    public long unusedReservation() {
        return maxTokens - expectedOutputTokens;
    }

    public RequestShape withExpectedOutputTokens(long measured) {
        return new RequestShape(inputTokens, maxTokens, Math.min(maxTokens, measured), streamingShare);
    }

    public RequestShape withInputTokens(long calibrated) {
        return new RequestShape(calibrated, maxTokens, expectedOutputTokens, streamingShare);
    }
}
