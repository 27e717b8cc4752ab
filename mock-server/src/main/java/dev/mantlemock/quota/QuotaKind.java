package dev.mantlemock.quota;

import dev.mantlemock.domain.ApiError;

/** The quotas a request can run into, each with the 429 it is refused with. */
public enum QuotaKind {
    INPUT_TOKENS("input-tokens", ApiError.TOO_MANY_TOKENS),
    OUTPUT_TOKENS("output-tokens", ApiError.TOO_MANY_TOKENS),
    REQUESTS("requests", ApiError.TOO_MANY_REQUESTS);

    private final String headerName;
    private final ApiError refusal;

    QuotaKind(String headerName, ApiError refusal) {
        this.headerName = headerName;
        this.refusal = refusal;
    }

    /** The middle part of {@code anthropic-ratelimit-<name>-limit}, and the metrics label. */
    public String headerName() {
        return headerName;
    }

    public ApiError refusal() {
        return refusal;
    }
}
