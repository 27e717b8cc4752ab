package dev.mantlemock.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written HMAC-SHA256 against the JDK's, around the block size where the key handling changes. */
class HashingTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 20, 32, 63, 64, 65, 100, 200})
    void hmacIsTheJdksForEveryKeyLength(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        for (String data : new String[] {"", "aws4_request", "AWS4-HMAC-SHA256\n20150830T123600Z\n" + "x".repeat(300)}) {
            assertThat(Hashing.hmac(key, data)).isEqualTo(jdkHmac(key, data));
        }
    }

    @Test
    void rfc4231TestCase2() {
        byte[] mac = Hashing.hmac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?");
        assertThat(Hashing.hex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private static byte[] jdkHmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        // SecretKeySpec refuses an empty key; HMAC pads it to a block of zeros, as a one-zero-byte key is
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
