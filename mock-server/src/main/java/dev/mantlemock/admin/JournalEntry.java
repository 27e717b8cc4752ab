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
 */
public record JournalEntry(long seq, String time, String requestId, String testId, String method, String path,
                           Map<String, List<String>> headers, String body, int bodyBytes, boolean bodyTruncated,
                           int status, String errorType, String account, String model,
                           long inputTokens, long maxTokens, long outputTokens, double latencyMillis, String adapted,
                           boolean pending) {}
