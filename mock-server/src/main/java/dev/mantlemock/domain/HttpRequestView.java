package dev.mantlemock.domain;

import java.util.List;
import java.util.Map;

/**
 * The request as received on the wire: what auth needs to verify a signature, independent of Javalin.
 *
 * @param method       upper-case HTTP method
 * @param rawPath      the path exactly as sent (still percent-encoded)
 * @param rawQuery     the query string exactly as sent, without '?', or "" when absent
 * @param headers      header values by lower-case name, in the order received
 * @param body         the raw body bytes
 */
public record HttpRequestView(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    /** The same request without some headers (lower-case names): what another stage must not see. */
    public HttpRequestView withoutHeaders(java.util.Collection<String> names) {
        Map<String, List<String>> kept = new java.util.LinkedHashMap<>(headers);
        names.forEach(kept::remove);
        return new HttpRequestView(method, rawPath, rawQuery, kept, body);
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
