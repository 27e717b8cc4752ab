package dev.mantlemock.wire;

import dev.mantlemock.answer.InputTokens;
import dev.mantlemock.api.ErrorEnvelope;
import dev.mantlemock.pipeline.OutputTokenMeter;
import dev.mantlemock.pipeline.ResponseChannel;
import java.io.IOException;
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

    public CompletableFuture<Void> write(List<SseEvent> events, StreamPlan plan, ResponseChannel channel,
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
     * One stream in progress: an index into its events, advanced by the timer. The events are kept as
     * their framed bytes plus the three facts pacing needs, not as JSON trees: a paced stream lives for
     * seconds, and a thousand open streams of ObjectNodes were a live heap the young collector copied
     * over and over (the paced-stream timing tail); framed, a stream's events are a few times smaller.
     */
    private final class Run {
        final byte[][] frames;
        final boolean[] deltas;
        final int[] tokens;
        final int[] blocks;
        final StreamPlan plan;
        final ResponseChannel channel;
        final OutputTokenMeter meter;
        final InputTokens input;
        final IntConsumer outputTokens;
        final SplittableRandom jitter;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int next;
        int written;
        int produced;
        boolean firstDeltaSent;

        Run(List<SseEvent> events, StreamPlan plan, ResponseChannel channel, OutputTokenMeter meter,
                InputTokens input, IntConsumer outputTokens) {
            int n = events.size();
            this.frames = new byte[n][];
            this.deltas = new boolean[n];
            this.tokens = new int[n];
            this.blocks = new int[n];
            for (int i = 0; i < n; i++) {
                SseEvent e = events.get(i);
                frames[i] = SseEncoder.frame(e);
                deltas[i] = e.delta();
                tokens[i] = e.tokens();
                blocks[i] = e.blockIndex();
            }
            this.plan = plan;
            this.channel = channel;
            this.meter = meter;
            this.input = input;
            this.outputTokens = outputTokens;
            this.jitter = new SplittableRandom(plan.timing().seed());
        }

        /** Writes events until one must wait, then schedules the rest. One thread at a time per stream. */
        synchronized void step() {
            if (done.isDone()) {
                return; // a timer task left over from before a shutdown hurried this stream along
            }
            try {
                while (next < frames.length) {
                    if (interruptNow()) {
                        return;
                    }
                    if (deltas[next]) {
                        long delay = delayBefore(tokens[next]);
                        if (delay > 0 && pending != next) {
                            pending = next;
                            timer.schedule(this::step, delay, TimeUnit.MILLISECONDS);
                            return;
                        }
                        pending = -1;
                        firstDeltaSent = true;
                        if (tokens[next] > 0 && !meter.produced(tokens[next])) {
                            cutShort(blocks[next]);
                            return;
                        }
                        produced += tokens[next];
                    }
                    channel.chunk(frames[next]);
                    written++;
                    next++;
                }
                finish(true);
            } catch (IOException | RuntimeException e) {
                finish(false); // the client went away; nothing more to send
            }
        }

        /** The index of the delta whose delay has been waited for, or -1. */
        int pending = -1;

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
