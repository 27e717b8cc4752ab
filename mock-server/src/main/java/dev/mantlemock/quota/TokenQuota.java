package dev.mantlemock.quota;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;

/**
 * The per-minute limits of one account and model. 0 requests per minute means no RPM quota, which
 * is what Mantle documents ("throttling is governed solely by the input and output token quotas").
 *
 * @param inputTokensPerMinute  input TPM, charged at admission as input tokens plus {@code max_tokens}
 * @param outputTokensPerMinute output TPM, charged as tokens are generated
 * @param requestsPerMinute     optional RPM; 0 turns it off
 */
public record TokenQuota(long inputTokensPerMinute, long outputTokensPerMinute, long requestsPerMinute) {

    /** The published Mantle defaults (contract reference, section 8.3): the one table of quota facts. */
    public static final TokenQuota MANTLE_DEFAULT = new TokenQuota(2_000_000, 500_000, 0);

    public TokenQuota {
        if (inputTokensPerMinute < 1 || outputTokensPerMinute < 1 || requestsPerMinute < 0) {
            throw ApiException.of(ApiError.QUOTA_LIMITS_RANGE);
        }
    }

    public boolean limitsRequests() {
        return requestsPerMinute > 0;
    }

    /** The quota for one window: per-minute figures scale with the window, so 6 s holds a tenth. */
    static long perWindow(long perMinute, long windowMillis) {
        return Math.max(1, (long) Math.ceil(perMinute * (windowMillis / 60_000.0)));
    }
}
