package dev.mantlemock.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 3 of SigV4: the derived signing key, cached per access key, day, region and service because the
 * four HMACs are the same for every request of a day. Bounded (least recently used out), so unknown
 * keys sent in bulk cannot grow it.
 */
public final class SigningKeys {
    private record Key(String accessKeyId, String date, String region, String service) {}

    private record Entry(byte[] secretFingerprint, byte[] signingKey) {}

    private final Map<Key, Entry> cache;

    public SigningKeys(int maxEntries) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Derives without caching: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"). */
    public static byte[] derive(String secret, String date, String region, String service) {
        byte[] kDate = Hashing.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = Hashing.hmac(kDate, region);
        byte[] kService = Hashing.hmac(kRegion, service);
        return Hashing.hmac(kService, AuthFacts.TERMINATOR);
    }

    public byte[] signingKey(String accessKeyId, String secret, CredentialScope scope) {
        Key key = new Key(accessKeyId, scope.date(), scope.region(), scope.service());
        // a fingerprint, not the secret: a config reload with a new secret for the same key id must not reuse the old key
        byte[] fingerprint = Hashing.sha256(secret.getBytes(StandardCharsets.UTF_8));
        synchronized (cache) {
            Entry e = cache.get(key);
            if (e != null && MessageDigest.isEqual(e.secretFingerprint(), fingerprint)) {
                return e.signingKey();
            }
        }
        byte[] derived = derive(secret, scope.date(), scope.region(), scope.service());
        synchronized (cache) {
            cache.put(key, new Entry(fingerprint, derived));
        }
        return derived;
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public static String sign(byte[] signingKey, String stringToSign) {
        return Hashing.hex(Hashing.hmac(signingKey, stringToSign));
    }
}
