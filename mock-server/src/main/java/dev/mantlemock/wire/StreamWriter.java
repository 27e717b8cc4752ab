package dev.mantlemock.wire;

import dev.mantlemock.answer.InputTokens;
import dev.mantlemock.api.ErrorEnvelope;
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
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Writes a stream's events to the client in time: flushed one by one, paced by a shared timer so
 * thousands of slow streams hold no thread while they wait. Applies a stream plan's interruption
 * and stops generation when the output meter says so.
 */
public final class StreamWriter {
    private final ScheduledExecutorService timer;
    private final SseEncoder encoder;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private volatile boolean hurrying;

    public StreamWriter(ScheduledExecutorService timer, SseEncoder encoder) {
        this.timer = timer;
        this.encoder = encoder;
    }

    public CompletableFuture<Void> write(Iterator<SseEvent> events, StreamPlan plan, ResponseChannel channel,
            OutputTokenMeter meter, InputTokens input, IntConsumer outputTokens) {
        Run run = new Run(events, plan, channel, meter, input, outputTokens);
        running.add(run);
        run.done.whenComplete((ok, e) -> running.remove(run));
        run.step();
        return run.done;
    }

    public SseEncoder encoder() {
        return encoder;
    }

    /** Streams still being written; a paced stream counts until its last event. */
    public int openStreams() {
        return running.size();
    }

    /**
     * For shutdown: every open stream is written to its end at once, without its pacing delays, so
     * clients get whole answers rather than cut connections. Completes when all have ended.
     */
    public CompletableFuture<Void> finishAll() {
        hurrying = true;
        List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
        for (Run run : running) {
            all.add(run.done);
            timer.execute(run::step);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * One stream in progress: its events, made as they fall due, advanced by the timer. It holds the
     * next event and the cursor, never the whole stream: thousands of paced streams stay open for
     * seconds, and a live heap of their events is what the young collector would copy over and over.
     */
    private final class Run {
        final Iterator<SseEvent> events;
        final StreamPlan plan;
        final ResponseChannel channel;
        final OutputTokenMeter meter;
        final InputTokens input;
        final IntConsumer outputTokens;
        final SplittableRandom jitter;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        SseEvent next;
        int written;
        int produced;
        boolean firstDeltaSent;

        Run(Iterator<SseEvent> events, StreamPlan plan, ResponseChannel channel, OutputTokenMeter meter,
                InputTokens input, IntConsumer outputTokens) {
            this.events = events;
            this.plan = plan;
            this.channel = channel;
            this.meter = meter;
            this.input = input;
            this.outputTokens = outputTokens;
            this.jitter = plan.timing().jitter() > 0 ? new SplittableRandom(plan.timing().seed()) : null;
        }

        /** Writes events until one must wait, then schedules the rest. One thread at a time per stream. */
        synchronized void step() {
            if (done.isDone()) {
                return; // a timer task left over from before a shutdown hurried this stream along
            }
            try {
                while (next != null || events.hasNext()) {
                    if (next == null) {
                        next = events.next();
                        waited = false;
                    }
                    if (interruptNow()) {
                        return;
                    }
                    if (next.delta()) {
                        long delay = waited ? 0 : delayBefore(next.tokens());
                        if (delay > 0) {
                            waited = true;
                            timer.schedule(this::step, delay, TimeUnit.MILLISECONDS);
                            return;
                        }
                        firstDeltaSent = true;
                        if (next.tokens() > 0 && !meter.produced(next.tokens())) {
                            cutShort(next.blockIndex());
                            return;
                        }
                        produced += next.tokens();
                    }
                    channel.chunk(SseEncoder.frame(next));
                    written++;
                    next = null;
                }
                finish(true);
            } catch (IOException | RuntimeException e) {
                finish(false); // the client went away; nothing more to send
            }
        }

        /** Whether {@link #next}'s delay has been waited for. */
        boolean waited;

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

        boolean interruptNow() throws IOException {
            if (plan.interruption() == StreamPlan.Interruption.NONE || written < plan.afterEvents()) {
                return false;
            }
            switch (plan.interruption()) {
                case ERROR_EVENT -> {
                    channel.chunk(SseEncoder.frame("error", ErrorEnvelope.streamEventJson("overloaded_error", "Overloaded")));
                    finish(true);
                }
                case TRUNCATE -> finish(true);
                case DROP_CONNECTION -> {
                    channel.abort();
                    complete();
                }
                default -> throw new IllegalStateException();
            }
            return true;
        }

        void cutShort(int openBlock) throws IOException {
            for (SseEvent e : encoder.cutShort(openBlock, produced, input)) {
                channel.chunk(SseEncoder.frame(e));
            }
            finish(true);
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
