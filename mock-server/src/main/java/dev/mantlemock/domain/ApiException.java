package dev.mantlemock.domain;

import java.util.Map;

/**
 * Ends a request with an Anthropic error envelope. Any stage may throw it; the pipeline turns it into
 * {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}} with the type's status.
 */
public final class ApiException extends RuntimeException {
    private final ErrorType type;
    private final int status;
    private final Map<String, String> headers;

    public ApiException(ErrorType type, String message) {
        this(type, type.status(), message, Map.of());
    }

    public ApiException(ErrorType type, int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // no stack trace: these are answers, not failures
        this.type = type;
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorType.INVALID_REQUEST, message);
    }

    public ErrorType type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Extra response headers, e.g. {@code retry-after} on a 429. */
    public Map<String, String> headers() {
        return headers;
    }
}
