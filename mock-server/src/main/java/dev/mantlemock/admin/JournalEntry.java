package dev.mantlemock.admin;

import java.util.List;
import java.util.Map;

/**
 * One request as the journal keeps it: secrets already redacted, body already cut to size.
 *
 * @param inputTokens  input tokens charged to the quota (cache reads excluded), 0 if none were counted
 * @param outputTokens output tokens produced
 * @param adapted      what the mock changed in a fixture's or stub's answer to obey the request
 *                     ({@code x-mock-adapted}), or null
 * @param pending      the exchange had not completed when this was read: status, tokens and latency are 0 so far
 * @param fixture      the fixture (a test kit's stub) that answered, or null (generated, or failed before an answer)
 * @param faultRule    the fault rule that fired, or null
 * @param streamCut    how a stream was cut short on purpose ({@code error_event}, {@code drop_connection},
 *                     {@code truncate}), or null for a stream that ended normally and for a JSON answer
 * @param answerHeaders the answer's headers a client decides a retry by ({@code retry-after}, {@code retry-after-ms},
 *                     {@code x-should-retry}) and the mock's own {@code x-mock-*} ones
 */
public record JournalEntry(long seq, String time, String requestId, String testId, String method, String path,
                           Map<String, List<String>> headers, String body, int bodyBytes, boolean bodyTruncated,
                           int status, String errorType, String account, String model,
                           long inputTokens, long maxTokens, long outputTokens, double latencyMillis, String adapted,
                           boolean pending, String fixture, String faultRule, String streamCut,
                           Map<String, String> answerHeaders) {

    /** When the last byte of the answer was written: receipt plus latency (the receipt, while pending). */
    public java.time.Instant completedAt() {
        return java.time.Instant.parse(time).plusNanos((long) (latencyMillis * 1_000_000));
    }
}
