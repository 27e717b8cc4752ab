package dev.mantlemock.wire;

import dev.mantlemock.domain.StreamTiming;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.pipeline.OutputTokenMeter;
import dev.mantlemock.pipeline.ResponseChannel;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.IntConsumer;

/**
 * Writes a stream's events to the client in time: flushed one by one, paced by a shared timer so
 * thousands of slow streams hold no thread while they wait. Applies a stream plan's interruption
 * and stops generation when the output meter says so.
 */
public final class StreamWriter {
    /**
     * A stream that waits longer than this with nothing to send writes a {@code ping} (the keep-alive
     * event of first-party streams) each time it elapses: a client that left is found by the failed write
     * within two of them, instead of holding its stream and socket for the whole wait.
     */
    static final long LIVENESS_MILLIS = 1000;
    private static final byte[] PING = SseEncoder.frame("ping", EventCursor.event("ping"));

    private final ScheduledExecutorService timer;
    private final SseEncoder encoder;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private final Set<Delayed> delayed = ConcurrentHashMap.newKeySet();
    private volatile boolean hurrying;

    public StreamWriter(ScheduledExecutorService timer, SseEncoder encoder) {
        this.timer = timer;
        this.encoder = encoder;
    }

    /** Writes the events of {@code answer} (made from it by {@link SseEncoder#stream}) as {@code plan} paces them. */
    public CompletableFuture<Void> write(Iterator<SseEvent> events, Answer answer, StreamPlan plan, ResponseChannel channel,
            OutputTokenMeter meter, InputTokens input, IntConsumer outputTokens) {
        Run run = new Run(events, answer, plan, channel, meter, input, outputTokens);
        running.add(run);
        run.done.whenComplete((ok, e) -> running.remove(run));
        run.step(Wait.NOTHING);
        return run.done;
    }

    public SseEncoder encoder() {
        return encoder;
    }

    /**
     * Sends an answer after a delay (a latency fault) without holding a thread: the wait is on the
     * shared timer, and a client that closes its connection meanwhile ends the wait at once.
     */
    public CompletableFuture<Void> after(long delayMillis, ResponseChannel channel, Supplier<CompletableFuture<Void>> send) {
        if (hurrying) {
            return send.get();
        }
        Delayed d = new Delayed(channel, send);
        delayed.add(d);
        channel.watchForClose(d::gone);
        d.task = timer.schedule(d::start, delayMillis, TimeUnit.MILLISECONDS);
        if (d.started.get()) {
            d.task.cancel(false); // the client left before the wait was even scheduled
        }
        return d.done;
    }

    /** An answer waiting for its latency fault to elapse. */
    private final class Delayed {
        final ResponseChannel channel;
        final Supplier<CompletableFuture<Void>> send;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean started = new AtomicBoolean();
        volatile ScheduledFuture<?> task;

        Delayed(ResponseChannel channel, Supplier<CompletableFuture<Void>> send) {
            this.channel = channel;
            this.send = send;
        }

        void start() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            delayed.remove(this);
            try {
                send.get().whenComplete((ok, e) -> done.complete(null));
            } catch (RuntimeException e) {
                channel.abort();
                done.complete(null);
            }
        }

        void gone() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            delayed.remove(this);
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
            channel.abort();
            done.complete(null);
        }
    }

    /**
     * For shutdown: every open stream is written to its end at once, without its pacing delays, so
     * clients get whole answers rather than cut connections. Completes when all have ended.
     */
    public CompletableFuture<Void> finishAll() {
        hurrying = true;
        List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
        for (Delayed d : delayed) {
            all.add(d.done);
            timer.execute(d::start);
        }
        for (Run run : running) {
            all.add(run.done);
            timer.execute(() -> run.step(Wait.HURRY));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private enum Wait { NOTHING, TIMER, CLIENT, HURRY }

    /**
     * One stream in progress: its events, made as they fall due, advanced by the timer. It holds the
     * next event and the cursor, never the whole stream: thousands of paced streams stay open for
     * seconds, and a live heap of their events is what the young collector would copy over and over.
     */
    private final class Run {
        Iterator<SseEvent> events;
        final StreamPlan plan;
        final ResponseChannel channel;
        final OutputTokenMeter meter;
        final InputTokens input;
        final Answer answer;
        final IntConsumer outputTokens;
        final SplittableRandom jitter;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Runnable afterDelay = () -> step(Wait.TIMER);
        final Runnable whenWritable = () -> step(Wait.CLIENT);
        /** The event due next, taken from {@link #events} but not yet written. */
        SseEvent next;
        /** What the stream waits for between steps. */
        Wait waiting = Wait.NOTHING;
        /** Whether {@link #next}'s delay has been waited for. */
        boolean waited;
        /** When {@link #next} falls due ({@link System#nanoTime}), while a delay longer than the liveness check runs. */
        long dueNanos;
        /** Whether the plan's interruption has begun. */
        boolean interrupted;
        int written;
        int produced;
        boolean firstDeltaSent;

        Run(Iterator<SseEvent> events, Answer answer, StreamPlan plan, ResponseChannel channel, OutputTokenMeter meter,
                InputTokens input, IntConsumer outputTokens) {
            this.events = events;
            this.answer = answer;
            this.plan = plan;
            this.channel = channel;
            this.meter = meter;
            this.input = input;
            this.outputTokens = outputTokens;
            this.jitter = plan.timing().jitter() > 0 ? new SplittableRandom(plan.timing().seed()) : null;
        }

        /**
         * Writes events until one must wait (for its time, or for the client to take what was sent),
         * then arranges to be woken. One thread at a time per stream; a wake-up for something the
         * stream no longer waits for is ignored, so a late write-possible signal never skips a delay.
         */
        synchronized void step(Wait cause) {
            if (done.isDone() || (waiting != Wait.NOTHING && cause != waiting && cause != Wait.HURRY)) {
                return; // left over from before a shutdown hurried this stream along, or not what it waits for
            }
            waiting = Wait.NOTHING;
            try {
                while (next != null || events.hasNext()) {
                    if (next == null) {
                        next = events.next();
                        waited = false;
                    }
                    if (!writable()) {
                        return;
                    }
                    if (interruptNow()) {
                        if (done.isDone()) {
                            return;
                        }
                        continue; // the rest of the stream was replaced
                    }
                    if (next.delta() && !waited) {
                        long delay = dueNanos != 0 ? pingWhileWaiting() : delayBefore(next.tokens());
                        if (delay > 0) {
                            if (dueNanos == 0 && delay > LIVENESS_MILLIS) {
                                dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(delay, TimeUnit.DAYS.toMillis(365)));
                            }
                            waited = dueNanos == 0;
                            waiting = Wait.TIMER;
                            timer.schedule(afterDelay, Math.min(delay, LIVENESS_MILLIS), TimeUnit.MILLISECONDS);
                            return;
                        }
                        dueNanos = 0;
                    }
                    if (next.delta()) {
                        firstDeltaSent = true;
                        if (next.tokens() > 0 && !meter.produced(next.tokens())) {
                            cutShort(next.blockIndex());
                            continue;
                        }
                        produced += next.tokens();
                    }
                    channel.chunk(next.frame());
                    written++;
                    next = null;
                }
                if (writable()) {
                    finish(true);
                }
            } catch (IOException | RuntimeException e) {
                finish(false); // the client went away; nothing more to send
            }
        }

        /**
         * Part-way through a long wait: a ping shows whether the client is still there (the write fails
         * if not), then the rest of the wait, in milliseconds; 0 once it has passed or when hurried.
         */
        long pingWhileWaiting() throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime());
            if (left <= 0 || hurrying) {
                return 0;
            }
            channel.chunk(PING);
            return left;
        }

        /** Whether the client can take more now; if not, the channel wakes this stream when it can. */
        boolean writable() {
            if (channel.writable(whenWritable)) {
                return true;
            }
            waiting = Wait.CLIENT;
            return false;
        }

        long delayBefore(int eventTokens) {
            if (hurrying) {
                return 0;
            }
            StreamTiming t = plan.timing();
            double millis = 0;
            if (!firstDeltaSent) {
                millis += t.timeToFirstTokenMillis();
            }
            if (t.tokensPerSecond() > 0) {
                millis += Math.max(1, eventTokens) * 1000.0 / t.tokensPerSecond();
            }
            if (millis > 0 && t.jitter() > 0) {
                millis *= 1 + t.jitter() * (jitter.nextDouble() * 2 - 1);
            }
            return Math.round(millis);
        }

        /** Applies the plan's interruption once its event count is reached: the connection drops, or the rest of the stream is replaced. */
        boolean interruptNow() {
            if (interrupted || plan.interruption() == StreamPlan.Interruption.NONE || written < plan.afterEvents()) {
                return false;
            }
            interrupted = true;
            switch (plan.interruption()) {
                case ERROR_EVENT -> replaceRest(List.of(new SseEvent(
                        ErrorEnvelope.streamEvent(ApiError.OVERLOADED), false, 0, -1)));
                case TRUNCATE -> replaceRest(List.of());
                case DROP_CONNECTION -> {
                    channel.abort();
                    complete();
                }
                default -> throw new IllegalStateException();
            }
            return true;
        }

        /** The output quota ran out mid-generation: the open block and the message end here. */
        void cutShort(int openBlock) {
            replaceRest(encoder.cutShort(openBlock, produced, input, answer));
        }

        void replaceRest(List<SseEvent> rest) {
            events = rest.iterator();
            next = rest.isEmpty() ? null : events.next();
        }

        void finish(boolean endNormally) {
            if (endNormally) {
                channel.end();
            } else {
                channel.abort();
            }
            complete();
        }

        void complete() {
            outputTokens.accept(produced);
            done.complete(null);
        }
    }
}
