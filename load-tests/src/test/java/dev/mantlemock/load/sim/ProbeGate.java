package dev.mantlemock.load.sim;

import dev.mantlemock.load.EdgeProbe;
import dev.mantlemock.load.Meter;
import dev.mantlemock.load.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns Gatling's fixed open injection into the probe's changing arrival rate. Gatling offers users
 * at the highest rate the probe may need; the gate lets through as many as the current step's rate
 * allows (evenly: the n-th of a step goes at n / rate seconds) and names the phase each belongs to.
 * Gatling cannot change an injection rate while it runs, and the probe decides each step's rate
 * from the step before.
 */
final class ProbeGate implements EdgeProbe.StepRunner {
    private final Meter meter;
    private final long maxWaitMillis;
    private final double settleSeconds;
    private final double measureSeconds;
    private volatile Step step;
    private volatile boolean finished;
    private volatile boolean stopped;
    private final AtomicLong sentInAll = new AtomicLong();

    private record Step(String name, double rate, long startMillis, long measureFromMillis, long endMillis,
                        AtomicLong nextDueMicros, ConcurrentLinkedQueue<Long> measuredSentAt) {
        /** What a request sent before the measured part is named: the step's settling, or the warm-up itself. */
        String unmeasured() {
            return name.equals(EdgeProbe.WARM_UP) ? name : name + " (settling)";
        }
    }

    /** Counted down by the first user Gatling offers: the first step starts then, not before Gatling does. */
    private final java.util.concurrent.CountDownLatch gatlingStarted = new java.util.concurrent.CountDownLatch(1);

    /** @param maxWaitMillis the longest to wait for answers still out (a request's timeout) */
    ProbeGate(Meter meter, long maxWaitMillis, double settleSeconds, double measureSeconds) {
        this(meter, maxWaitMillis, settleSeconds, measureSeconds, null, 1, 0, null);
    }

    /**
     * A gate one of several injectors runs: each step starts on a schedule counted from {@code startAtMillis}
     * (the same on every injector), lets through {@code share} of the step's rate, and is judged on what the
     * mock counted ({@code server}, null against AWS: then on this injector's own answers).
     */
    ProbeGate(Meter meter, long maxWaitMillis, double settleSeconds, double measureSeconds, java.util.function.Supplier<Long> startAtMillis,
              double share, int slot, ServerCounter server) {
        this.meter = meter;
        this.maxWaitMillis = maxWaitMillis;
        this.settleSeconds = settleSeconds;
        this.measureSeconds = measureSeconds;
        this.startAtMillis = startAtMillis;
        this.share = share;
        this.slot = slot;
        this.server = server;
    }

    /** The mock's own counts of Messages requests that arrived from {@code fromSecond} up to {@code toSecond}. */
    @FunctionalInterface
    interface ServerCounter {
        EdgeProbe.ServerCount count(long fromSecond, long toSecond);
    }

    /** Time after a scheduled step's end before it is judged: its last answers and 429s are counted by then. */
    static final long JUDGE_AFTER_MILLIS = 1500;

    /** The shared start, asked for once Gatling offers its first user (it may wait for a start signal). */
    private final java.util.function.Supplier<Long> startAtMillis;
    private Long startAt;
    private final double share;
    /** This injector's place among the injectors (its index): its arrivals fall between the others'. */
    private final int slot;
    private final ServerCounter server;
    private int stepsRun;
    /** The warm-up's length: the shared schedule's steps start after it. */
    private long warmUpMillis;
    private final List<Window> windows = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A step as run: the whole offered rate, its measured part on the shared clock, and what the mock counted in it. */
    record Window(String name, double rate, long measureFromMillis, long endMillis, EdgeProbe.ServerCount server) {}

    /** The length of a scheduled step, judging included. */
    long slotMillis() {
        return Math.round((settleSeconds + measureSeconds) * 1000) + (startAtMillis == null ? 0 : JUDGE_AFTER_MILLIS);
    }

    private long scheduledStart(int step) {
        if (startAt == null) {
            startAt = startAtMillis.get();
        }
        return startAt + warmUpMillis + step * slotMillis();
    }

    List<Window> windows() {
        return List.copyOf(windows);
    }

    /** The phase for a user arriving now, or null if it should not send (ahead of the rate, or between steps). */
    String admit() {
        gatlingStarted.countDown();
        Step s = step;
        long now = System.currentTimeMillis();
        if (s == null || finished || now >= s.endMillis()) {
            return null;
        }
        // One request per 1/rate; a request offered late moves the schedule on rather than letting a burst catch up.
        long nowMicros = now * 1000;
        long interval = Math.round(1_000_000 / s.rate());
        long due = s.nextDueMicros().get();
        if (nowMicros < due) {
            return null;
        }
        long next = due < nowMicros - interval ? nowMicros + interval : due + interval;
        if (!s.nextDueMicros().compareAndSet(due, next)) {
            return null;
        }
        sentInAll.incrementAndGet();
        if (now < s.measureFromMillis()) {
            return s.unmeasured();
        }
        s.measuredSentAt().add(now);
        return s.name();
    }

    /** Offers the warm-up's rate until it ends (on the shared schedule with several injectors); nothing is judged. */
    @Override
    public void warmUp(double ratePerSecond, double seconds) {
        awaitGatling();
        long now = System.currentTimeMillis();
        long start = startAtMillis == null ? now : scheduledStart(0);
        warmUpMillis = Math.round(seconds * 1000);
        sleepUntil(start);
        long end = start + warmUpMillis;
        step = offer(EdgeProbe.WARM_UP, ratePerSecond, start, start, end, end);
        sleepUntil(end);
    }

    /**
     * A phase this injector offers its share of {@code ratePerSecond} in. Several injectors interleave: injector i of
     * N sends a 1/N of an interval after injector i-1, so together they send evenly, as one injector would, rather
     * than N requests at each instant of a shared schedule.
     */
    private Step offer(String name, double ratePerSecond, long scheduledMillis, long firstMillis, long measureFrom, long end) {
        long phaseMicros = Math.round(1_000_000 / ratePerSecond * slot);
        return new Step(name, ratePerSecond * share, firstMillis, measureFrom, end, new AtomicLong(scheduledMillis * 1000 + phaseMicros),
                new ConcurrentLinkedQueue<>());
    }

    private void awaitGatling() {
        try {
            gatlingStarted.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one step on the wall clock: blocks for its length, then hands over what came back. */
    @Override
    public EdgeProbe.StepResult run(String name, double ratePerSecond) {
        awaitGatling();
        // A queueing endpoint may still hold requests of the step before: a step starts once they are answered,
        // so their waits are not charged to it. Against a throttling one nothing is out for long.
        awaitAnswers();
        long now = System.currentTimeMillis();
        // Several injectors: the step's place on the shared schedule, whatever this injector's own delays.
        long start = startAtMillis == null ? now : scheduledStart(stepsRun);
        stepsRun++;
        sleepUntil(start);
        long measureFrom = start + Math.round(settleSeconds * 1000);
        long end = measureFrom + Math.round(measureSeconds * 1000);
        Step s = offer(name, ratePerSecond, start, Math.max(start, System.currentTimeMillis()), measureFrom, end);
        step = s;
        sleepUntil(end);
        EdgeProbe.ServerCount counted = null;
        if (server != null) {
            sleepUntil(end + JUDGE_AFTER_MILLIS);
            // Whole seconds inside the measured part: every injector reads the same seconds, so all judge alike.
            counted = server.count(Math.floorDiv(measureFrom + 999, 1000), Math.floorDiv(end, 1000));
        }
        windows.add(new Window(name, ratePerSecond, measureFrom, end, counted));
        List<Outcome> answered = meter.outcomes().stream().filter(o -> o.phase().equals(name)).toList();
        List<Long> sent = new ArrayList<>(s.measuredSentAt());
        sent.sort(Long::compare);
        // Answers come back roughly in the order sent: the ones missing are the latest sent.
        List<Long> unanswered = sent.subList(Math.min(sent.size(), answered.size()), sent.size());
        return new EdgeProbe.StepResult(answered, List.copyOf(unanswered), Math.min(end, System.currentTimeMillis()), counted);
    }

    private static void sleepUntil(long millis) {
        try {
            Thread.sleep(Math.max(0, millis - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the probe: no more requests pass; once every request sent has its answer (or after the
     * longest wait), {@link #stopped()} turns true and Gatling stops.
     */
    void finish() {
        finished = true;
        step = null;
        awaitAnswers();
        stopped = true;
    }

    /** Until every request sent so far has its outcome, or a request's timeout has passed. */
    private void awaitAnswers() {
        long until = System.currentTimeMillis() + maxWaitMillis;
        try {
            while (meter.recorded() < sentInAll.get() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean stopped() {
        return stopped;
    }
}
