package dev.mantlemock.auth;

import dev.mantlemock.domain.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SHA-256 and HMAC-SHA256, the only primitives SigV4 needs. HMAC is RFC 2104 over the SHA-256 digest
 * rather than {@code javax.crypto.Mac}: the first {@code Mac.getInstance} loads every security provider
 * before SunJCE and reads the JCE policy files, some 40 ms of the first signed request.
 */
final class Hashing {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int BLOCK = 64; // SHA-256 block size, in bytes
    private static final byte INNER = 0x36;
    private static final byte OUTER = 0x5c;

    private Hashing() {}

    static byte[] sha256(byte[] data) {
        return Json.sha256Digest().digest(data);
    }

    static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256: H((K ^ opad) || H((K ^ ipad) || data)), K padded (or first hashed) to one block. */
    static byte[] hmac(byte[] key, String data) {
        MessageDigest digest = Json.sha256Digest();
        byte[] k = key.length > BLOCK ? digest.digest(key) : key;
        byte[] pad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ INNER);
        }
        digest.update(pad);
        byte[] inner = digest.digest(data.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < BLOCK; i++) {
            pad[i] ^= INNER ^ OUTER;
        }
        digest.update(pad);
        return digest.digest(inner);
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Constant time, so a caller cannot learn a valid signature byte by byte from response times. */
    static boolean sameHex(String expected, String provided) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII));
    }
}
