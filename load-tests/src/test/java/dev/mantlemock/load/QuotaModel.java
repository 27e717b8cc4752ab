package dev.mantlemock.load;

import dev.mantlemock.quota.QuotaWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The mock's quota for one account and model, simulated on a virtual clock, so the probe's whole
 * search can run against it in milliseconds. It mirrors {@code dev.mantlemock.quota}: a sliding
 * windows are the mock's own {@link QuotaWindow} (60 slots); around them, admission of input +
 * {@code max_tokens} if the window has room and the output window is not full ({@code QuotaBucket.admit}),
 * the refund of the unused reservation and the output charge at completion ({@code QuotaSettlement}), and
 * in queue mode a bounded wait that retries when the window frees enough ({@code QuotaAdmission}). The
 * short real run in {@code QuotaProbeIT} checks the probe against the real mock.
 */
final class QuotaModel implements EdgeProbe.StepRunner {
    private final QuotaWindow input;
    private final QuotaWindow output;
    private final long inputLimit;
    private final long outputLimit;
    private final RequestShape shape;
    private final long plainLatencyMs;
    private final long streamLatencyMs;
    private final long maxQueueWaitMs;
    private final int maxWaiting;
    private final double settleSeconds;
    private final double measureSeconds;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private double now;
    private long arrivals;
    private int waiting;

    /**
     * @param maxQueueWaitMs 0 to throttle (the mock's default), else queue up to this long
     * @param maxWaiting     how many requests may wait at once in queue mode (the rest get 429 at once)
     */
    QuotaModel(long quotaTpm, long outputQuotaTpm, double windowSeconds, RequestShape shape, long plainLatencyMs,
               long streamLatencyMs, long maxQueueWaitMs, int maxWaiting, double settleSeconds, double measureSeconds) {
        long windowMillis = Math.round(windowSeconds * 1000);
        this.input = new QuotaWindow(windowMillis);
        this.output = new QuotaWindow(windowMillis);
        this.inputLimit = perWindow(quotaTpm, windowMillis);
        this.outputLimit = perWindow(outputQuotaTpm, windowMillis);
        this.shape = shape;
        this.plainLatencyMs = plainLatencyMs;
        this.streamLatencyMs = streamLatencyMs;
        this.maxQueueWaitMs = maxQueueWaitMs;
        this.maxWaiting = maxWaiting;
        this.settleSeconds = settleSeconds;
        this.measureSeconds = measureSeconds;
    }

    static long perWindow(long perMinute, long windowMillis) {
        return Math.max(1, (long) Math.ceil(perMinute * (windowMillis / 60_000.0)));
    }

    /** A request on its way: sent, maybe waiting in the queue, then admitted or refused, then answered. */
    private final class Request {
        final String phase;
        final double sentAt;
        final boolean stream;
        final List<Outcome> sink;
        long slot;
        boolean waiting;
        Outcome outcome;

        Request(String phase, double sentAt, boolean stream, List<Outcome> sink) {
            this.phase = phase;
            this.sentAt = sentAt;
            this.stream = stream;
            this.sink = sink;
        }

        void finish(int status, double at) {
            long out = status == 200 ? shape.expectedOutputTokens() : 0;
            outcome = new Outcome(phase, (long) sentAt, status, status == 200 ? shape.inputTokens() : 0, out,
                    shape.maxTokens(), Math.round(at - sentAt), -1);
            if (sink != null) {
                sink.add(outcome);
            }
        }
    }

    private record Event(double at, long order, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Double.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private long order;
    private final java.util.Map<String, List<Outcome>> byStep = new java.util.HashMap<>();

    private void at(double time, Runnable action) {
        events.add(new Event(time, order++, action));
    }

    @Override
    public EdgeProbe.StepResult run(String name, double ratePerSecond) {
        double start = now;
        double measureFrom = start + settleSeconds * 1000;
        double end = measureFrom + measureSeconds * 1000;
        List<Outcome> measured = new ArrayList<>();
        byStep.put(name, measured);
        List<Request> sentMeasured = new ArrayList<>();
        double gap = 1000 / ratePerSecond;
        for (double t = start; t < end; t += gap) {
            double sent = t;
            boolean inMeasure = sent >= measureFrom;
            // Streams are spread evenly through the arrivals, as the share says.
            boolean stream = Math.floor((arrivals + 1) * shape.streamingShare()) > Math.floor(arrivals * shape.streamingShare());
            arrivals++;
            Request r = new Request(name, sent, stream, inMeasure ? measured : null);
            if (inMeasure) {
                sentMeasured.add(r);
            }
            at(sent, () -> arrive(r, sent + maxQueueWaitMs));
        }
        advanceTo(end);
        List<Long> unanswered = sentMeasured.stream().filter(r -> r.outcome == null).map(r -> (long) r.sentAt).toList();
        return new EdgeProbe.StepResult(List.copyOf(measured), unanswered, (long) end);
    }

    /** Lets every request still in flight finish, so the final statistics include them. */
    void drain() {
        while (!events.isEmpty()) {
            Event e = events.poll();
            now = e.at();
            e.action().run();
        }
    }

    /** Every measured outcome of a step, once {@link #drain} has run. */
    List<Outcome> outcomes(String step) {
        return List.copyOf(byStep.getOrDefault(step, List.of()));
    }

    private void advanceTo(double time) {
        while (!events.isEmpty() && events.peek().at() <= time) {
            Event e = events.poll();
            now = e.at();
            e.action().run();
        }
        now = time;
    }

    private void arrive(Request r, double deadline) {
        long t = (long) now;
        long charge = shape.admissionCharge();
        long retryAfter;
        if (charge > inputLimit) {
            r.finish(400, now);
            return;
        }
        long over = input.used(t) + charge - inputLimit;
        long outputOver = output.used(t) + 1 - outputLimit;
        if (over > 0) {
            retryAfter = input.millisUntilFreed(over, t);
        } else if (outputOver > 0) {
            retryAfter = output.millisUntilFreed(outputOver, t);
        } else {
            r.slot = input.add(charge, t);
            leaveQueue(r);
            long latency = r.stream ? streamLatencyMs : plainLatencyMs;
            at(now + latency, () -> complete(r));
            return;
        }
        if (maxQueueWaitMs > 0 && retryAfter >= 0 && now + Math.max(1, retryAfter) <= deadline && (r.waiting || waiting < maxWaiting)) {
            if (!r.waiting) {
                r.waiting = true;
                waiting++;
            }
            at(now + Math.max(1, retryAfter), () -> arrive(r, deadline));
            return;
        }
        leaveQueue(r);
        r.finish(429, now);
    }

    private void leaveQueue(Request r) {
        if (r.waiting) {
            r.waiting = false;
            waiting--;
        }
    }

    private void complete(Request r) {
        long t = (long) now;
        output.add(shape.expectedOutputTokens(), t);
        input.refund(shape.unusedReservation(), r.slot, t);
        r.finish(200, now);
    }
}
