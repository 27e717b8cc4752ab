package dev.mantlemock.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
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
    /** Per phase: [requests, throttled], kept as they come so the probe's stop test is O(1), not a scan. */
    private final ConcurrentHashMap<String, LongAdder[]> perPhase = new ConcurrentHashMap<>();

    private volatile RunRecords records;

    /** From now on every outcome is also written to {@code records} (one injector's per-request records). */
    public void writeTo(RunRecords records) {
        this.records = records;
    }

    public void record(Outcome outcome) {
        RunRecords r = records;
        if (r != null) {
            r.request(outcome);
        }
        LongAdder[] c = perPhase.computeIfAbsent(outcome.phase(),
                k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        c[0].increment();
        if (outcome.throttled()) {
            c[1].increment();
        }
        if (count.incrementAndGet() > MAX_OUTCOMES) {
            dropped.incrementAndGet();
            return;
        }
        outcomes.add(outcome);
    }

    public List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    /** Outcomes recorded so far, kept or not: cheap, for waiting until every request sent is answered. */
    public long recorded() {
        return count.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Outcomes of one phase sent so far: what the probe looks at to decide when to stop. */
    public PhaseCount phaseCount(String phase) {
        LongAdder[] c = perPhase.get(phase);
        return c == null ? new PhaseCount(0, 0) : new PhaseCount(c[0].sum(), c[1].sum());
    }

    public record PhaseCount(long total, long throttled) {
        public double throttledShare() {
            return total == 0 ? 0 : throttled / (double) total;
        }
    }
}
