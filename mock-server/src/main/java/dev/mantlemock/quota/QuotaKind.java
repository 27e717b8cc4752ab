package dev.mantlemock.quota;

/** The quotas a request can run into, with the texts of their 429s: the one table of quota error texts. */
public enum QuotaKind {
    INPUT_TOKENS("input-tokens", "Too many tokens, please wait before trying again."),
    OUTPUT_TOKENS("output-tokens", "Too many tokens, please wait before trying again."),
    REQUESTS("requests", "Too many requests, please wait before trying again.");

    private final String headerName;
    private final String message;

    QuotaKind(String headerName, String message) {
        this.headerName = headerName;
        this.message = message;
    }

    /** The middle part of {@code anthropic-ratelimit-<name>-limit}, and the metrics label. */
    public String headerName() {
        return headerName;
    }

    public String message() {
        return message;
    }
}
