package dev.mantlemock.auth;

import java.time.Duration;
import java.time.Instant;
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
            return FORMAT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw AuthFailure.unauthenticated(AuthFacts.BAD_DATE_FORMAT, text);
        }
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Refuses a signing time more than {@code maxSkew} away from now, in AWS's words. */
    static void checkSkew(String amzDate, Instant signedAt, Instant now, Duration maxSkew) {
        long minutes = maxSkew.toMinutes();
        if (signedAt.isBefore(now.minus(maxSkew))) {
            throw AuthFailure.unauthenticated(AuthFacts.SIGNATURE_EXPIRED,
                    amzDate, format(now.minus(maxSkew)), format(now), minutes);
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw AuthFailure.unauthenticated(AuthFacts.SIGNATURE_NOT_YET_CURRENT,
                    amzDate, format(now.plus(maxSkew)), format(now), minutes);
        }
    }
}
