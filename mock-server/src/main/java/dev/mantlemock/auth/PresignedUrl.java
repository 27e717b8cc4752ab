package dev.mantlemock.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SigV4 presigned request: the signature travels in the query ({@code X-Amz-Signature} and friends)
 * and usually only {@code host} is signed.
 *
 * @param rawQuery the query as written, still percent-encoded
 * @param headers  the request's headers by lower-case name (for a URL alone: just its host)
 * @param body     the request body (empty for a URL alone)
 */
public record PresignedUrl(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public String host() {
        List<String> h = headers.get(AuthFacts.H_HOST);
        return h == null || h.isEmpty() ? "" : h.get(0);
    }

    /** Parses {@code host/path?query}, optionally with a scheme: what a short-term key decodes to. */
    static PresignedUrl parse(String method, String url) {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int q = rest.indexOf('?');
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        int slash = beforeQuery.indexOf('/');
        String host = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "/" : beforeQuery.substring(slash);
        return new PresignedUrl(method, path, query, Map.of(AuthFacts.H_HOST, List.of(host)), new byte[0]);
    }

    /** Decoded query parameters; the first value wins when a name repeats. */
    Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String piece : rawQuery.split("&")) {
            int eq = piece.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? piece : piece.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : UriEncoding.decode(piece.substring(eq + 1)));
        }
        return out;
    }
}
