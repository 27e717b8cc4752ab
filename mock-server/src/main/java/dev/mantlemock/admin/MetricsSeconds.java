package dev.mantlemock.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Messages requests per second of arrival, for the last hour: the global truth several load injectors
 * judge a step by ({@code GET /_mock/metrics/seconds}). Counted by the second a request arrived, so once
 * a second's answers are in, every injector reads the same numbers for it, whenever it asks.
 * Lock-free except when a slot turns over to a new second (once a second).
 */
final class MetricsSeconds {
    static final int SLOTS = 3600;
    static final String[] FIELDS = {"requests", "answered", "throttled", "inputTokens", "outputTokens"};
    static final int REQUESTS = 0;
    static final int ANSWERED = 1;
    static final int THROTTLED = 2;
    static final int INPUT = 3;
    static final int OUTPUT = 4;

    private final long[] stamps = new long[SLOTS];
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS * FIELDS.length);

    MetricsSeconds() {
        java.util.Arrays.fill(stamps, -1);
    }

    void add(long second, int field, long n) {
        int slot = (int) Math.floorMod(second, (long) SLOTS);
        if (stamps[slot] != second) {
            turnOver(slot, second);
        }
        counts.addAndGet(slot * FIELDS.length + field, n);
    }

    private synchronized void turnOver(int slot, long second) {
        if (stamps[slot] == second || stamps[slot] > second) {
            return; // another thread turned it over; a second an hour old is not kept
        }
        for (int f = 0; f < FIELDS.length; f++) {
            counts.set(slot * FIELDS.length + f, 0);
        }
        stamps[slot] = second;
    }

    /** The seconds from {@code from} up to, not including, {@code to} that saw requests, oldest first. */
    synchronized List<Map<String, Long>> between(long from, long to) {
        List<Map<String, Long>> out = new ArrayList<>();
        for (long s = Math.max(from, to - SLOTS); s < to; s++) {
            int slot = (int) Math.floorMod(s, (long) SLOTS);
            if (stamps[slot] != s) {
                continue;
            }
            Map<String, Long> row = new LinkedHashMap<>();
            row.put("second", s);
            for (int f = 0; f < FIELDS.length; f++) {
                row.put(FIELDS[f], counts.get(slot * FIELDS.length + f));
            }
            out.add(row);
        }
        return out;
    }

    synchronized void reset() {
        java.util.Arrays.fill(stamps, -1);
    }
}
