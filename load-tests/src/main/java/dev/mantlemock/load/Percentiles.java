package dev.mantlemock.load;

import java.util.Arrays;

/** Nearest-rank percentiles, the definition a reader can check by hand on a small sample. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it; -1 for an empty sample. */
    public long at(double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
