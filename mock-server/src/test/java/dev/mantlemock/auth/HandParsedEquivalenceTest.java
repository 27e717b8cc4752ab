package dev.mantlemock.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written hot-path parsers (for speed) accept and produce exactly what the regex and formatter versions did. */
class HandParsedEquivalenceTest {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    @Test
    void amzDateAcceptsWhatTheStrictFormatterAccepts() {
        List<String> cases = List.of("20150830T123600Z", "20240229T000000Z", "20230229T000000Z", "20151330T123600Z",
                "20150431T123600Z", "20150830T243600Z", "20150830T126000Z", "20150830T123660Z", "20150830 123600Z",
                "20150830T123600z", "2015083OT123600Z", "+0150830T123600Z", "00000101T000000Z", "99991231T235959Z",
                "20150830T12360Z", "20150830T1236000Z", "2015-08-30T12:3", "２0150830T123600Z");
        for (String c : cases) {
            Instant expected;
            try {
                expected = c.length() == 16 ? FORMAT.parse(c, Instant::from) : null;
            } catch (RuntimeException e) {
                expected = null;
            }
            Instant actual;
            try {
                actual = AmzDate.parse(c);
            } catch (RuntimeException e) {
                actual = null;
            }
            assertThat(actual).as(c).isEqualTo(expected);
        }
    }

    @Test
    void trimAllCollapsesLikeTheRegex() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ab \t\r\n\u00a0\u2003\"";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = s.toString();
            assertThat(CanonicalRequest.trimAll(v)).as("[%s]", v).isEqualTo(v.strip().replaceAll("[ \\t\\r\\n]+", " "));
        }
    }

    @Test
    void signatureShapeLikeTheRegex() {
        for (String s : List.of("a".repeat(64), "0123456789abcdef".repeat(4), "A".repeat(64), "a".repeat(63), "a".repeat(65),
                "g" + "a".repeat(63), "")) {
            assertThat(AuthorizationHeader.isLowerHex64(s)).as(s).isEqualTo(s.matches("[0-9a-f]{64}"));
        }
    }
}
