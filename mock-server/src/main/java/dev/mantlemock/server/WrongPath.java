package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import java.util.Set;

/**
 * The 404 for a path the mock does not serve, saying what the user most likely meant: a base URL
 * without {@code /anthropic}, one with too much after it ({@code /anthropic/v1}, so requests go to
 * {@code /anthropic/v1/v1/messages}), or the root opened in a browser.
 */
final class WrongPath {
    private static final String PREFIX = "/anthropic";
    /** What a browser or a curl without a path opens: the root, and the base URL itself. */
    private static final Set<String> ROOTS = Set.of("/", PREFIX, PREFIX + "/", PREFIX + "/v1", PREFIX + "/v1/");

    private WrongPath() {}

    /** {@code host} is the host and port the client used, for URLs it can paste. */
    static ApiException of(String method, String uri, String host) {
        if (ROOTS.contains(uri)) {
            return ApiException.of(ApiError.NOT_AN_ENDPOINT, method, uri, host, host, host);
        }
        for (Endpoint e : Endpoint.values()) {
            String base = baseBefore(uri, e.path());
            if (base == null || base.equals(PREFIX)) {
                continue; // not a Messages path, or the right one with a method it does not take
            }
            if (base.startsWith(PREFIX + "/")) {
                String extra = base.substring(PREFIX.length());
                return ApiException.of(ApiError.BASE_PATH_EXTRA, method, uri, extra, e.path(), host, extra, method, e.path());
            }
            return ApiException.of(ApiError.BASE_PATH_MISSING, method, uri, host, method, e.path());
        }
        return ApiException.of(ApiError.ENDPOINT_NOT_AVAILABLE, method, uri);
    }

    /** The part of {@code uri} before the endpoint's path (with or without a trailing slash), or null. */
    private static String baseBefore(String uri, String endpointPath) {
        String path = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return path.endsWith(endpointPath) ? path.substring(0, path.length() - endpointPath.length()) : null;
    }
}
