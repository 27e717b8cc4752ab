package dev.mantlemock.quota;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;

/**
 * A sliding window of counts (tokens or requests), kept as a ring of up to {@value #MAX_SLOTS} slots so
 * that a charge expires one slot-width at a time instead of all at once at a minute boundary. The
 * slot count divides the window exactly, so the window is never shorter than configured. Not
 * thread-safe: the owning {@link QuotaBucket} serialises access. Times are epoch millis from the one
 * injected clock. Public so the load tests' model of the quota uses this very window, not a copy.
 */
public final class QuotaWindow {
    static final int MAX_SLOTS = 60;

    private final int slots;
    private final long slotMillis;
    private final long[] counts;
    private long used;
    private long current; // index of the newest slot seen, in slot widths since the epoch

    public QuotaWindow(long windowMillis) {
        if (windowMillis < 1) {
            throw ApiException.of(ApiError.QUOTA_WINDOW_TOO_SHORT);
        }
        int n = (int) Math.min(MAX_SLOTS, windowMillis);
        while (windowMillis % n != 0) {
            n--;
        }
        this.slots = n;
        this.slotMillis = windowMillis / n;
        this.counts = new long[n];
    }

    public long windowMillis() {
        return slotMillis * slots;
    }

    /** Counts charged within the window ending now. */
    public long used(long now) {
        advance(now);
        return used;
    }

    /** Charges {@code amount} now; returns the slot index, so the charge can be refunded later. */
    public long add(long amount, long now) {
        advance(now);
        counts[(int) (current % slots)] += amount;
        used += amount;
        return current;
    }

    /** Gives back part of an earlier charge, unless that charge has already left the window. */
    public void refund(long amount, long slot, long now) {
        advance(now);
        if (amount <= 0 || slot <= current - slots || slot > current) {
            return;
        }
        int i = (int) (slot % slots);
        long back = Math.min(amount, counts[i]);
        counts[i] -= back;
        used -= back;
    }

    /**
     * Millis until at least {@code needed} counts have left the window; 0 if none need to, -1 if the
     * window holds fewer than that in all.
     */
    public long millisUntilFreed(long needed, long now) {
        advance(now);
        if (needed <= 0) {
            return 0;
        }
        long freed = 0;
        for (long s = current - slots + 1; s <= current; s++) {
            freed += counts[(int) Math.floorMod(s, (long) this.slots)];
            if (freed >= needed) {
                return (s + slots) * slotMillis - now; // slot s leaves the window when `current` reaches s + slots
            }
        }
        return -1;
    }

    /** When the oldest count still in the window leaves it (for the ratelimit reset header). */
    public long millisUntilOldestExpires(long now) {
        long wait = millisUntilFreed(1, now);
        return wait < 0 ? 0 : wait;
    }

    private void advance(long now) {
        long slot = now / slotMillis;
        if (slot <= current) {
            return;
        }
        if (slot - current >= slots) {
            java.util.Arrays.fill(counts, 0);
            used = 0;
        } else {
            for (long s = current + 1; s <= slot; s++) {
                int i = (int) (s % slots);
                used -= counts[i];
                counts[i] = 0;
            }
        }
        current = slot;
    }
}
