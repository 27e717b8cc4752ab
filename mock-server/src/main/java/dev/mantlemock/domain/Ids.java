package dev.mantlemock.domain;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Identifiers in the first-party shape: a prefix, "01", then 22 base58 characters. */
public final class Ids {
    private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    public static String requestId() {
        return random("req_");
    }

    public static String messageId() {
        return random("msg_");
    }

    /** {@code toolu_01...}, drawn from the caller's random stream so a seeded answer repeats exactly. */
    public static String toolUseId(RandomGenerator rnd) {
        return random("toolu_", rnd);
    }

    private static String random(String prefix) {
        return random(prefix, ThreadLocalRandom.current());
    }

    private static String random(String prefix, RandomGenerator rnd) {
        char[] out = new char[prefix.length() + 24];
        prefix.getChars(0, prefix.length(), out, 0);
        out[prefix.length()] = '0';
        out[prefix.length() + 1] = '1';
        for (int i = prefix.length() + 2; i < out.length; i++) {
            out[i] = BASE58[rnd.nextInt(BASE58.length)];
        }
        return new String(out);
    }
}
