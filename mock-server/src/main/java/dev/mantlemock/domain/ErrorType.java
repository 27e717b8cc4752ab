package dev.mantlemock.domain;

/**
 * The Anthropic error types and the HTTP status each travels with (contract reference, section 4.2).
 * The one table of status codes in the project: every error the mock sends is one of these.
 */
public enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    BILLING("billing_error", 402),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    CONFLICT("conflict_error", 409),
    REQUEST_TOO_LARGE("request_too_large", 413),
    RATE_LIMIT("rate_limit_error", 429),
    API("api_error", 500),
    TIMEOUT("timeout_error", 504),
    OVERLOADED("overloaded_error", 529);

    private final String wireName;
    private final int status;

    ErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The value of {@code error.type} in the envelope. */
    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }

    /** The type a status travels with; a status of no type here is a client or a server error by its class. */
    public static ErrorType forStatus(int status) {
        for (ErrorType t : values()) {
            if (t.status == status) {
                return t;
            }
        }
        return status >= 500 ? API : INVALID_REQUEST;
    }

    public static ErrorType fromWireName(String name) {
        for (ErrorType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown error type '" + name + "'");
    }
}
