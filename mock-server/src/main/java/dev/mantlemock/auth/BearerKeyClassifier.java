package dev.mantlemock.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells short-term, long-term and other bearer keys apart, and decodes what their format carries. */
public final class BearerKeyClassifier {
    /** {@code BedrockAPIKey-<suffix>-at-<12-digit account>:<secret>}, the IAM service-specific credential. */
    private static final Pattern LONG_TERM = Pattern.compile("(" + AuthFacts.LONG_TERM_USER_PREFIX + "[A-Za-z0-9]+)-at-(\\d{12}):.+", Pattern.DOTALL);

    private BearerKeyClassifier() {}

    public static BearerKey classify(String token) {
        if (token.startsWith(AuthFacts.SHORT_TERM_PREFIX)) {
            String decoded = decode(token.substring(AuthFacts.SHORT_TERM_PREFIX.length()));
            if (decoded == null) {
                return new BearerKey.Malformed("not base64");
            }
            if (!decoded.endsWith(AuthFacts.SHORT_TERM_VERSION)) {
                return new BearerKey.Malformed("no " + AuthFacts.SHORT_TERM_VERSION + " suffix");
            }
            return new BearerKey.ShortTerm(decoded);
        }
        if (token.startsWith(AuthFacts.LONG_TERM_PREFIX)) {
            String decoded = decode(token.substring(AuthFacts.LONG_TERM_PREFIX.length()));
            Matcher m = decoded == null ? null : LONG_TERM.matcher(decoded);
            if (m != null && m.matches()) {
                return new BearerKey.LongTerm(m.group(1), m.group(2));
            }
            if (decoded != null && decoded.startsWith(AuthFacts.LONG_TERM_USER_PREFIX)) {
                return new BearerKey.Malformed("long-term key without '-at-<account>:<secret>'");
            }
        }
        return new BearerKey.Opaque();
    }

    /** Standard base64, padding optional (some tools strip it); null when it is not base64 of UTF-8 text. */
    private static String decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.indexOf('\uFFFD') >= 0 ? null : text;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
