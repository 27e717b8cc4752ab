package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 1 of SigV4: the canonical request, rebuilt from what was received on the wire. Non-S3 rules:
 * the path is normalised and its (already encoded) text encoded once more; the query is decoded then
 * encoded and sorted; only the headers the client listed as signed take part, with {@code Host} as sent.
 */
public final class CanonicalRequest {
    private CanonicalRequest() {}

    /**
     * @param headers        received headers, lower-case names, values in received order
     * @param excludedParams query parameters that are not part of the signature (presigned URLs)
     */
    public static String build(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                               List<String> signedHeaders, String payloadHash, boolean normalizePath,
                               Set<String> excludedParams) {
        return method + '\n'
                + canonicalUri(rawPath, normalizePath) + '\n'
                + canonicalQuery(rawQuery, excludedParams) + '\n'
                + canonicalHeaders(headers, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    static String canonicalUri(String rawPath, boolean normalize) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (normalize) {
            path = normalize(path);
        }
        return UriEncoding.encode(path, true);
    }

    /** Drops '.' and '..' segments and empty segments; keeps a trailing slash. */
    static String normalize(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        if (kept.isEmpty()) {
            return "/";
        }
        String joined = "/" + String.join("/", kept);
        return path.endsWith("/") ? joined + "/" : joined;
    }

    static String canonicalQuery(String rawQuery, Set<String> excludedParams) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? piece : piece.substring(0, eq));
            String value = eq < 0 ? "" : UriEncoding.decode(piece.substring(eq + 1));
            if (!excludedParams.contains(name)) {
                pairs.add(new String[] {UriEncoding.encode(name, false), UriEncoding.encode(value, false)});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** One {@code name:value} line per signed header; a signed header absent from the request is an error. */
    static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null || values.isEmpty()) {
                throw ApiException.of(ApiError.SIGNED_HEADER_ABSENT, name);
            }
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(trimAll(values.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Trim, and collapse inner runs of whitespace (quoted text too, vector get-header-value-trim). */
    static String trimAll(String value) {
        // By hand: String.replaceAll compiled a regex for every signed header of every request.
        String s = value.strip();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\r' || c == '\n' || (c == ' ' && i + 1 < n && isFoldable(s.charAt(i + 1)))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s; // nothing to collapse: the usual case
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        boolean inRun = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isFoldable(c)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    private static boolean isFoldable(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
