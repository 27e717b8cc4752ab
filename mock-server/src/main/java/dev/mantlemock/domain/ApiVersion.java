package dev.mantlemock.domain;

/**
 * The {@code anthropic-version} values Mantle accepts, each with its own validation rules
 * (contract reference, section 0.1). The one place that says what a version changes.
 */
public enum ApiVersion {
    /** What the AWS Mantle page tells users to send. */
    V2023_06_01("2023-06-01", true, true, false),
    /** What every new SDK major sends: sampling parameters are gone, citations on user text are refused. */
    V2026_10_21("2026-10-21", false, false, true);

    private final String header;
    private final boolean samplingParameters;
    private final boolean citationsInUserTurns;
    private final boolean systemMessages;

    ApiVersion(String header, boolean samplingParameters, boolean citationsInUserTurns, boolean systemMessages) {
        this.header = header;
        this.samplingParameters = samplingParameters;
        this.citationsInUserTurns = citationsInUserTurns;
        this.systemMessages = systemMessages;
    }

    public String header() { return header; }

    /** Whether {@code temperature}, {@code top_p} and {@code top_k} may appear at all. */
    public boolean allowsSamplingParameters() { return samplingParameters; }

    /** Whether a user text block may carry citations, and an assistant turn a document. */
    public boolean allowsCitationsInUserTurns() { return citationsInUserTurns; }

    /** Whether a message may have the {@code system} role (mid-conversation system messages, typed by new SDKs). */
    public boolean allowsSystemMessages() { return systemMessages; }

    /** The version for a header value, or null when it is not one Mantle knows. */
    public static ApiVersion fromHeader(String value) {
        for (ApiVersion v : values()) {
            if (v.header.equals(value)) {
                return v;
            }
        }
        return null;
    }
}
