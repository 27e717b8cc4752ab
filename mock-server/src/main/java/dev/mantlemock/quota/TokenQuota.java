package dev.mantlemock.quota;

import dev.mantlemock.domain.Bound;

/**
 * The per-minute limits of one account and model. 0 requests per minute means no RPM quota, which
 * is what Mantle documents ("throttling is governed solely by the input and output token quotas").
 *
 * @param inputTokensPerMinute  input TPM, charged at admission as input tokens plus {@code max_tokens}
 * @param outputTokensPerMinute output TPM, charged as tokens are generated
 * @param requestsPerMinute     optional RPM; 0 turns it off
 */
public record TokenQuota(long inputTokensPerMinute, long outputTokensPerMinute, long requestsPerMinute) {

    /** A trillion tokens a minute is far past any real quota, and far from overflowing a window's sums. */
    static final Bound INPUT = Bound.of("inputTokensPerMinute", 1, 1e12);
    static final Bound OUTPUT = Bound.of("outputTokensPerMinute", 1, 1e12);
    static final Bound REQUESTS = Bound.of("requestsPerMinute", 0, 1e12);

    /** The published Mantle defaults (contract reference, section 8.3): the one table of quota facts. */
    public static final TokenQuota MANTLE_DEFAULT = new TokenQuota(2_000_000, 500_000, 0);

    public TokenQuota {
        INPUT.check(inputTokensPerMinute);
        OUTPUT.check(outputTokensPerMinute);
        REQUESTS.check(requestsPerMinute);
    }

    public boolean limitsRequests() {
        return requestsPerMinute > 0;
    }

    /** The quota for one window: per-minute figures scale with the window, so 6 s holds a tenth. */
    static long perWindow(long perMinute, long windowMillis) {
        return Math.max(1, (long) Math.ceil(perMinute * (windowMillis / 60_000.0)));
    }
}
