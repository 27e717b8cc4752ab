package dev.mantlemock.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Ends a request with an Anthropic error envelope ({@link ErrorEnvelope}). Any stage may throw it.
 * Built only from an {@link ApiError} entry, so every text the mock sends is in the catalogue.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;
    private final ErrorType type;
    private final int status;
    private final Map<String, String> headers;

    private ApiException(ApiError error, ErrorType type, int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // no stack trace: these are answers, not failures
        this.error = error;
        this.type = type;
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException of(ApiError error, Object... args) {
        if (error == ApiError.SCRIPTED) {
            throw new IllegalArgumentException("a scripted error carries its own wording: use ApiException.scripted");
        }
        return new ApiException(error, error.type(), error.status(), error.format(args), Map.of());
    }

    /**
     * The one error whose wording is data, not ours: a fixture's scripted error, with its own type,
     * status, message and headers. Only the fixture and answer code may call this (ErrorCatalogueTest).
     */
    public static ApiException scripted(ErrorType type, int status, String message, Map<String, String> headers) {
        return new ApiException(ApiError.SCRIPTED, type, status, ApiError.SCRIPTED.format(message), headers);
    }

    /** The same error with extra response headers, e.g. {@code retry-after} on a 429. */
    public ApiException withHeaders(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return new ApiException(error, type, status, getMessage(), all);
    }

    /**
     * The same text at a status someone else chose (Jetty's own refusals); the type is the one that
     * status travels with, so the envelope stays consistent.
     */
    public ApiException withStatus(int otherStatus) {
        return new ApiException(error, ErrorType.forStatus(otherStatus), otherStatus, getMessage(), headers);
    }

    /** The catalogue entry this error was built from. */
    public ApiError error() {
        return error;
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
