package dev.mantlemock.answer;

import java.util.Base64;
import java.util.SplittableRandom;

/** Identifiers and signatures in the shapes clients know, drawn from the answer's own random stream. */
final class Ids {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private Ids() {}

    /** {@code toolu_01} + 22 base58 characters, like {@code toolu_01T1x1fJ34qAmk2tNTrN7Up6}. */
    static String toolUseId(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder("toolu_01");
        for (int i = 0; i < 22; i++) {
            s.append(BASE58.charAt(rnd.nextInt(BASE58.length())));
        }
        return s.toString();
    }

    /** An opaque base64 string standing in for the encrypted thinking signature. */
    static String thinkingSignature(SplittableRandom rnd) {
        byte[] bytes = new byte[96];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) rnd.nextInt(256);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
