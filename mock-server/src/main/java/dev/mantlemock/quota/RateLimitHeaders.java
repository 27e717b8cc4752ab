package dev.mantlemock.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first-party {@code anthropic-ratelimit-<quota>-{limit,remaining,reset}} headers (reset in
 * RFC 3339). Whether Mantle sends them is unknown, so they are off by default.
 */
public final class RateLimitHeaders {
    private RateLimitHeaders() {}

    public static Map<String, String> of(QuotaUsage usage, Clock clock) {
        Map<String, String> h = new LinkedHashMap<>();
        Instant now = clock.instant();
        put(h, QuotaKind.INPUT_TOKENS, usage.inputTokens(), now);
        put(h, QuotaKind.OUTPUT_TOKENS, usage.outputTokens(), now);
        if (usage.requests() != null) {
            put(h, QuotaKind.REQUESTS, usage.requests(), now);
        }
        return h;
    }

    private static void put(Map<String, String> h, QuotaKind kind, QuotaUsage.Window w, Instant now) {
        String prefix = "anthropic-ratelimit-" + kind.headerName() + "-";
        h.put(prefix + "limit", Long.toString(w.limit()));
        h.put(prefix + "remaining", Long.toString(w.remaining()));
        Instant reset = now.plusMillis(w.resetMillis());
        Instant whole = reset.truncatedTo(ChronoUnit.SECONDS);
        // Rounded up: a client that waits until the stated second must find the tokens back.
        h.put(prefix + "reset", (whole.equals(reset) ? whole : whole.plusSeconds(1)).toString());
    }
}
