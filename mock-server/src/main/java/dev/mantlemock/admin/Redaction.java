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

    /**
     * Each parameter whose name, percent-decoded, is a secret ({@code X-Amz-%53ignature} is
     * {@code X-Amz-Signature} to a server) keeps its name and loses its value.
     */
    static String query(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        String[] parts = query.split("&", -1);
        for (int i = 0; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String name = eq < 0 ? parts[i] : parts[i].substring(0, eq);
            if (SECRET_QUERY_NAMES.contains(decodedLowerCase(name))) {
                parts[i] = name + "=" + REDACTED;
            }
        }
        return String.join("&", parts);
    }

    private static final Set<String> SECRET_QUERY_NAMES = Set.of("x-amz-signature", "x-amz-security-token");

    /** Percent-decoding of a parameter name, enough to compare it: malformed escapes are kept as they are. */
    private static String decodedLowerCase(String name) {
        if (name.indexOf('%') < 0) {
            return name.toLowerCase(java.util.Locale.ROOT);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int hi = i + 2 < name.length() ? Character.digit(name.charAt(i + 1), 16) : -1;
            int lo = i + 2 < name.length() ? Character.digit(name.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
    }
}
