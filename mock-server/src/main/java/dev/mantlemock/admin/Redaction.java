package dev.mantlemock.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes secrets out of what the journal keeps: keys, tokens, session tokens and SigV4 signatures.
 * The SigV4 credential scope and signed-header list stay, because tests assert on them.
 */
final class Redaction {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-api-key", "x-amz-security-token", "x-mock-admin-token", "cookie", "proxy-authorization");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(Signature=)[0-9a-f]+");
    private static final Pattern QUERY_SECRETS = Pattern.compile("(?i)((?:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*");

    private Redaction() {}

    static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            List<String> copy = new ArrayList<>(values.size());
            for (String v : values) {
                copy.add(value(name, v));
            }
            out.put(name, copy);
        });
        return out;
    }

    static String value(String name, String value) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (SECRET_HEADERS.contains(n)) {
            return REDACTED;
        }
        if (n.equals("authorization")) {
            if (value.startsWith("AWS4-HMAC-SHA256")) {
                return redactSignatures(value);
            }
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space + 1) + REDACTED : REDACTED;
        }
        return value;
    }

    /** What {@code SIGNATURE.matcher(value).replaceAll("$1" + REDACTED)} does, without a regex per journalled request. */
    static String redactSignatures(String value) {
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        int n = value.length();
        while (true) {
            int at = indexOfIgnoreCase(value, "signature=", from);
            if (at < 0) {
                break;
            }
            int hexStart = at + "signature=".length();
            int end = hexStart;
            while (end < n && Character.digit(value.charAt(end), 16) >= 0 && value.charAt(end) < 128) {
                end++;
            }
            if (end > hexStart) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(value, copied, hexStart).append(REDACTED);
                copied = end;
            }
            from = Math.max(end, at + 1);
        }
        return out == null ? value : out.append(value, copied, n).toString();
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle, int from) {
        for (int i = from; i + lowerNeedle.length() <= s.length(); i++) {
            int k = 0;
            while (k < lowerNeedle.length()) {
                char c = s.charAt(i + k);
                // ASCII case folding only, as the regex's (?i) without UNICODE_CASE
                if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lowerNeedle.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == lowerNeedle.length()) {
                return i;
            }
        }
        return -1;
    }

    static String query(String query) {
        return query == null || query.isEmpty() ? query : QUERY_SECRETS.matcher(query).replaceAll("$1" + REDACTED);
    }
}
