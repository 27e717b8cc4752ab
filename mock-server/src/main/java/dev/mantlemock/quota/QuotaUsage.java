package dev.mantlemock.quota;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A snapshot of one bucket, for the admin API and the {@code anthropic-ratelimit-*} headers.
 * Limits and usage are per window (the per-minute quota scaled to the window length).
 */
public record QuotaUsage(String account, String model, TokenQuota quota, long windowMillis,
                         Window inputTokens, Window outputTokens, Window requests) {

    /** @param resetMillis when the oldest count in the window leaves it */
    public record Window(long limit, long used, long resetMillis) {
        @JsonProperty("remaining")
        public long remaining() {
            return Math.max(0, limit - used);
        }
    }
}
