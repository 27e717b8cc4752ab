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
 *   <li>thinking {@code signature}: {@code "MTS1" || d || HMAC-SHA256(key, "MTS1" || d)}, where {@code d} is the
 *       first 16 bytes of SHA-256 of the thinking text. The MAC shows the signature is the mock's; {@code d}
 *       tells a changed text from a forged signature, which the API words differently.</li>
 *   <li>redacted_thinking {@code data}: {@code "MTR1" || HMAC-SHA256(key, "MTR1" || payload) || payload}.</li>
 * </ul>
 */
public final class BlockSigner {
    /** What a thinking block's signature says about its text. */
    public enum Verdict { VALID, TEXT_CHANGED, FORGED, FOREIGN }

    private static final byte[] THINKING = "MTS1".getBytes(StandardCharsets.US_ASCII);
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

    public String signThinking(String thinking) {
        byte[] signed = concat(THINKING, digest(thinking));
        return Base64.getEncoder().encodeToString(concat(signed, mac(signed)));
    }

    public Verdict verifyThinking(String thinking, String signature) {
        byte[] raw = decode(signature);
        if (raw == null || raw.length != THINKING.length + DIGEST + MAC || !startsWith(raw, THINKING)) {
            return Verdict.FOREIGN;
        }
        byte[] signed = Arrays.copyOf(raw, THINKING.length + DIGEST);
        if (!MessageDigest.isEqual(mac(signed), Arrays.copyOfRange(raw, signed.length, raw.length))) {
            return Verdict.FORGED;
        }
        return MessageDigest.isEqual(Arrays.copyOfRange(signed, THINKING.length, signed.length), digest(thinking))
                ? Verdict.VALID : Verdict.TEXT_CHANGED;
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
