package dev.mantlemock.auth;

import dev.mantlemock.domain.Principal;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-term keys already verified, each until the earliest of its own expiry and its session token's:
 * the SDKs' token generators mint one key and send it on every request for up to 12 hours, and verifying
 * it from scratch (decode, canonical request, two signatures) cost a third of the mock's throughput.
 * Only keys that verified are kept, so a forged key is checked every time; a remembered key is used only
 * inside the window it was verified for, so expiry is refused on time (by the full check, with its own
 * message). Bounded: when full, the expired go, and if that is not enough, all.
 */
final class VerifiedKeys {
    /** What a verified key proves, and the instants between which that holds. */
    record Entry(Principal principal, Instant validFrom, Instant validUntil) {
        boolean holdsAt(Instant now) {
            return !now.isBefore(validFrom) && now.isBefore(validUntil);
        }
    }

    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    VerifiedKeys(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The principal of a key verified earlier that still holds at {@code now}, or null: verify it in full. */
    Principal principal(String key, Instant now) {
        Entry e = verified.get(key);
        return e != null && e.holdsAt(now) ? e.principal() : null;
    }

    void remember(String key, Entry entry, Instant now) {
        if (maxEntries <= 0) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(e -> !e.holdsAt(now));
            if (verified.size() >= maxEntries) {
                verified.clear(); // many live keys at once: start again rather than grow
            }
        }
        verified.put(key, entry);
    }

    int size() {
        return verified.size();
    }
}
