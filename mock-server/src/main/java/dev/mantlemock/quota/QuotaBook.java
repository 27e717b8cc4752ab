package dev.mantlemock.quota;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * All quota buckets, one per account and model, and the limits they follow. Buckets are created on
 * first use; limits are resolved then (defaults, then overrides from least to most specific) and
 * again when the admin API changes them. Two-level maps keep the hot-path lookup allocation-free.
 * A bucket with nothing charged within its window is dropped (every {@value #SWEEP_EVERY} new buckets and
 * whenever usage is listed), so a stream of one-off keys leaves no account behind.
 */
public final class QuotaBook {
    private final QuotaConfig initial;
    private final Clock clock;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, QuotaBucket>> buckets = new ConcurrentHashMap<>();
    private final LongAdder[] throttled = new LongAdder[QuotaKind.values().length];
    /** Requests waiting for room in queue mode: bounded, as each holds its request in memory (no thread). */
    static final int MAX_WAITING = 10_000;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder admittedLate = new LongAdder();
    static final int SWEEP_EVERY = 1024;
    private final AtomicInteger created = new AtomicInteger();

    private volatile Settings settings;

    /** The mutable knobs, swapped as a whole so a request sees one consistent set. */
    public record Settings(boolean enabled, long windowMillis, TokenQuota defaults, List<QuotaConfig.Override> overrides,
                           boolean retryAfter, boolean rateLimitHeaders, OutputExhaustion onOutputExhausted,
                           QuotaExceeded onQuotaExceeded, long maxQueueWaitMillis) {
        public Settings {
            overrides = List.copyOf(overrides);
        }
    }

    public QuotaBook(QuotaConfig config, Clock clock) {
        this.initial = config;
        this.clock = clock;
        for (int i = 0; i < throttled.length; i++) {
            throttled[i] = new LongAdder();
        }
        this.settings = fromConfig(config);
    }

    private static Settings fromConfig(QuotaConfig c) {
        return new Settings(c.enabled, c.windowMillis(), c.defaults(), c.overrides,
                c.retryAfter, c.rateLimitHeaders, c.onOutputExhausted, c.onQuotaExceeded, c.maxQueueWaitMillis());
    }

    public Clock clock() { return clock; }

    public long now() { return clock.millis(); }

    public Settings settings() { return settings; }

    public QuotaBucket bucket(String account, String model) {
        ConcurrentHashMap<String, QuotaBucket> byModel = buckets.get(account);
        if (byModel == null) {
            byModel = buckets.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        }
        QuotaBucket bucket = byModel.get(model);
        if (bucket == null) {
            Settings s = settings;
            long now = now();
            bucket = byModel.computeIfAbsent(model, m -> new QuotaBucket(account, m, limitsFor(s, account, m), s.windowMillis(), now));
            if (created.incrementAndGet() % SWEEP_EVERY == 0) {
                dropIdle(now);
            }
        }
        return bucket;
    }

    public TokenQuota limitsFor(String account, String model) {
        return limitsFor(settings, account, model);
    }

    private static TokenQuota limitsFor(Settings s, String account, String model) {
        TokenQuota q = s.defaults();
        List<QuotaConfig.Override> matching = new ArrayList<>();
        for (QuotaConfig.Override o : s.overrides()) {
            if (o.matches(account, model)) {
                matching.add(o);
            }
        }
        matching.sort(Comparator.comparingInt(QuotaConfig.Override::specificity));
        for (QuotaConfig.Override o : matching) {
            q = o.over(q);
        }
        return q;
    }

    /** Replaces the settings. A new window length starts every bucket afresh; new limits apply at once. */
    public synchronized void update(Settings next) {
        // Validate every override against the defaults first, so a bad one changes nothing.
        for (QuotaConfig.Override o : next.overrides()) {
            o.over(next.defaults());
        }
        Settings previous = settings;
        settings = next;
        if (previous.windowMillis() != next.windowMillis()) {
            buckets.clear();
        } else {
            buckets.forEach((account, byModel) -> byModel.forEach((model, b) -> b.limits(limitsFor(next, account, model))));
        }
    }

    /** Forgets all usage (buckets start empty) but keeps the limits. */
    public void clearUsage() {
        buckets.clear();
    }

    /** Back to the configuration the mock started with: limits, settings, usage and counters. */
    public synchronized void reset() {
        settings = fromConfig(initial);
        buckets.clear();
        for (LongAdder a : throttled) {
            a.reset();
        }
        admittedLate.reset();
    }

    /**
     * Drops the buckets with nothing in their window. A bucket in use always has its admission charge
     * (or its request) in the window, so only a bucket nobody has used for a whole window goes.
     */
    void dropIdle(long now) {
        buckets.forEach((account, byModel) -> {
            byModel.values().removeIf(b -> b.idle(now));
            buckets.computeIfPresent(account, (a, models) -> models.isEmpty() ? null : models);
        });
    }

    /** Buckets held now, idle ones included until the next sweep. */
    public int bucketCount() {
        return buckets.values().stream().mapToInt(java.util.Map::size).sum();
    }

    public List<QuotaUsage> usage() {
        long now = now();
        dropIdle(now);
        List<QuotaUsage> out = new ArrayList<>();
        buckets.forEach((account, byModel) -> byModel.forEach((model, b) -> out.add(b.usage(now))));
        out.sort(Comparator.comparing(QuotaUsage::account).thenComparing(QuotaUsage::model));
        return out;
    }

    /** A request starts waiting in the queue; false when the queue is full (it is refused instead). */
    boolean enterQueue() {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A waiting request leaves the queue, admitted or refused. */
    void leaveQueue(boolean admitted) {
        waiting.decrementAndGet();
        if (admitted) {
            admittedLate.increment();
        }
    }

    /** Requests waiting for room now (queue mode). */
    public int waiting() {
        return waiting.get();
    }

    /** Requests admitted after waiting since start (or the last reset), for metrics and tests. */
    public long admittedLate() {
        return admittedLate.sum();
    }

    void countThrottled(QuotaKind kind) {
        throttled[kind.ordinal()].increment();
    }

    /** Requests refused by a quota since start (or the last reset), for metrics. */
    public long throttled(QuotaKind kind) {
        return throttled[kind.ordinal()].sum();
    }
}
