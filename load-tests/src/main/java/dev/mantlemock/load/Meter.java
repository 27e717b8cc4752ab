package dev.mantlemock.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects outcomes from Gatling's virtual users (many threads, lock-free) for the run summary.
 * Gatling's own statistics know nothing of tokens, so this is where tokens are counted.
 */
public final class Meter {
    /** Bound on what is kept, so a long run cannot exhaust the heap: far above any documented run. */
    static final int MAX_OUTCOMES = 2_000_000;

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public void record(Outcome outcome) {
        if (count.incrementAndGet() > MAX_OUTCOMES) {
            dropped.incrementAndGet();
            return;
        }
        outcomes.add(outcome);
    }

    public List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    public long dropped() {
        return dropped.get();
    }

    /** Outcomes of one phase sent so far: what the probe looks at to decide when to stop. */
    public PhaseCount phaseCount(String phase) {
        long total = 0;
        long throttled = 0;
        for (Outcome o : outcomes) {
            if (o.phase().equals(phase)) {
                total++;
                if (o.throttled()) {
                    throttled++;
                }
            }
        }
        return new PhaseCount(total, throttled);
    }

    public record PhaseCount(long total, long throttled) {
        public double throttledShare() {
            return total == 0 ? 0 : throttled / (double) total;
        }
    }
}
