package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The {@code yyyyMMdd'T'HHmmss'Z'} timestamps of SigV4, and the clock-skew check AWS services apply. */
final class AmzDate {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private AmzDate() {}

    static Instant parse(String text) {
        try {
            if (text == null || text.length() != 16) {
                throw new DateTimeParseException("length", String.valueOf(text), 0);
            }
            // By hand (DateTimeFormatter.parse was a visible share of a signed request's cost); the
            // same strictness: ASCII digits, 'T' and 'Z' in place, fields in range (LocalDateTime.of).
            for (int i = 0; i < 16; i++) {
                char c = text.charAt(i);
                boolean ok = i == 8 ? c == 'T' : i == 15 ? c == 'Z' : c >= '0' && c <= '9';
                if (!ok) {
                    throw new DateTimeParseException("shape", text, i);
                }
            }
            return LocalDateTime.of(digits(text, 0, 4), digits(text, 4, 6), digits(text, 6, 8),
                    digits(text, 9, 11), digits(text, 11, 13), digits(text, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw ApiException.of(ApiError.BAD_DATE_FORMAT, text);
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Refuses a signing time more than {@code maxSkew} away from now, in AWS's words. */
    static void checkSkew(String amzDate, Instant signedAt, Instant now, Duration maxSkew) {
        long minutes = maxSkew.toMinutes();
        if (signedAt.isBefore(now.minus(maxSkew))) {
            throw ApiException.of(ApiError.SIGNATURE_EXPIRED,
                    amzDate, format(now.minus(maxSkew)), format(now), minutes);
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw ApiException.of(ApiError.SIGNATURE_NOT_YET_CURRENT,
                    amzDate, format(now.plus(maxSkew)), format(now), minutes);
        }
    }
}
