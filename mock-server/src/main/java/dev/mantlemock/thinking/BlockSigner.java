package dev.mantlemock.thinking;

import dev.mantlemock.domain.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the thinking blocks the mock emits and checks those sent back, as the real API's opaque
 * signatures let it. The formats (docs/api.md, "Thinking blocks"), all base64:
 * <ul>
 *   <li>thinking {@code signature}: {@code "MTS2" || d || p || HMAC-SHA256(key, "MTS2" || d || p)}, where {@code d} is the
 *       first 16 bytes of SHA-256 of the thinking text and {@code p} those of what preceded the block in its
 *       conversation ({@link ConversationPrefix}). The MAC shows the signature is the mock's; {@code d} tells a
 *       changed text from a forged signature, which the API words differently; {@code p} binds the block to its
 *       conversation (preserved thinking). {@code "MTS1" || d || HMAC(...)}, bound to no conversation, is
 *       what fixtures carry and still verifies.</li>
 *   <li>redacted_thinking {@code data}: {@code "MTR1" || HMAC-SHA256(key, "MTR1" || payload) || payload}.</li>
 * </ul>
 */
public final class BlockSigner {
    /** What a thinking block's signature says about its text. */
    public enum Verdict { VALID, TEXT_CHANGED, FORGED, FOREIGN }

    private static final byte[] THINKING = "MTS1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOUND_THINKING = "MTS2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDACTED = "MTR1".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 16;
    private static final int MAC = 32;

    private final byte[] configured;
    private SecretKeySpec key;

    private BlockSigner(byte[] configured) {
        this.configured = configured;
    }

    /** The configured key, or a random one for this instance, drawn when first needed (not at start). */
    public static BlockSigner of(ThinkingSettings settings) {
        return new BlockSigner(settings.signingKey == null ? null : settings.signingKey.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized SecretKeySpec key() {
        if (key == null) {
            byte[] bytes = configured;
            if (bytes == null) {
                bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
            }
            key = new SecretKeySpec(bytes, "HmacSHA256");
        }
        return key;
    }

    /** A signature over the text alone, bound to no conversation (what a fixture's block gets). */
    public String signThinking(String thinking) {
        byte[] signed = concat(THINKING, digest(thinking));
        return Base64.getEncoder().encodeToString(concat(signed, mac(signed)));
    }

    /** A signature over the text and what preceded the block ({@link ConversationPrefix}): bound to its conversation. */
    public String signThinking(String thinking, byte[] prefix) {
        byte[] signed = concat(concat(BOUND_THINKING, digest(thinking)), Arrays.copyOf(prefix, DIGEST));
        return Base64.getEncoder().encodeToString(concat(signed, mac(signed)));
    }

    public Verdict verifyThinking(String thinking, String signature) {
        byte[] raw = decode(signature);
        int signedLength = signedLength(raw);
        if (signedLength < 0) {
            return Verdict.FOREIGN;
        }
        byte[] signed = Arrays.copyOf(raw, signedLength);
        if (!MessageDigest.isEqual(mac(signed), Arrays.copyOfRange(raw, signed.length, raw.length))) {
            return Verdict.FORGED;
        }
        int at = THINKING.length;
        return MessageDigest.isEqual(Arrays.copyOfRange(signed, at, at + DIGEST), digest(thinking))
                ? Verdict.VALID : Verdict.TEXT_CHANGED;
    }

    /**
     * The conversation a signature binds its block to (the digest of what preceded it), or empty when it binds
     * none (a fixture's, or not the mock's). Read only after {@link #verifyThinking} says VALID.
     */
    public java.util.Optional<byte[]> boundPrefix(String signature) {
        byte[] raw = decode(signature);
        if (signedLength(raw) != BOUND_THINKING.length + 2 * DIGEST) {
            return java.util.Optional.empty();
        }
        int at = BOUND_THINKING.length + DIGEST;
        return java.util.Optional.of(Arrays.copyOfRange(raw, at, at + DIGEST));
    }

    /** How many leading bytes the MAC covers, by format; -1 when it is neither of the mock's. */
    private static int signedLength(byte[] raw) {
        if (raw != null && raw.length == THINKING.length + DIGEST + MAC && startsWith(raw, THINKING)) {
            return THINKING.length + DIGEST;
        }
        if (raw != null && raw.length == BOUND_THINKING.length + 2 * DIGEST + MAC && startsWith(raw, BOUND_THINKING)) {
            return BOUND_THINKING.length + 2 * DIGEST;
        }
        return -1;
    }

    /** Whether a redacted block's data is already sealed with this key (a fixture may carry one). */
    public boolean isSealed(String data) {
        return verifyRedacted(data) == Verdict.VALID;
    }

    /** Seals a redacted block's payload, so that the data alone proves it came from the mock unchanged. */
    public String sealRedacted(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(concat(concat(REDACTED, mac(concat(REDACTED, bytes))), bytes));
    }

    public Verdict verifyRedacted(String data) {
        byte[] raw = decode(data);
        if (raw == null || raw.length < REDACTED.length + MAC || !startsWith(raw, REDACTED)) {
            return Verdict.FOREIGN;
        }
        byte[] payload = Arrays.copyOfRange(raw, REDACTED.length + MAC, raw.length);
        byte[] mac = Arrays.copyOfRange(raw, REDACTED.length, REDACTED.length + MAC);
        return MessageDigest.isEqual(mac, mac(concat(REDACTED, payload))) ? Verdict.VALID : Verdict.FORGED;
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] digest(String text) {
        return Arrays.copyOf(Json.sha256(text), DIGEST);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] raw, byte[] magic) {
        return Arrays.equals(raw, 0, magic.length, magic, 0, magic.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Prints the signature of a thinking text, for fixtures: {@code BlockSigner <signing-key> <thinking text>}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp mock-server.jar dev.mantlemock.thinking.BlockSigner <signing-key> <thinking text>");
            System.exit(2);
        }
        System.out.println(new BlockSigner(args[0].getBytes(StandardCharsets.UTF_8)).signThinking(args[1]));
    }
}
