package dev.mantlemock.domain;

/**
 * How a request ended, handed to completion listeners (quota settlement, journal, metrics).
 *
 * @param status       the HTTP status sent
 * @param errorType    the Anthropic error type, or null on success (also null for a mid-stream fault)
 * @param outputTokens output tokens actually produced (0 for errors and count_tokens)
 * @param nanos        time from receipt to the last byte written
 */
public record Completion(int status, String errorType, int outputTokens, long nanos) {}
