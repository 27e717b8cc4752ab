package dev.mantlemock.pipeline;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.ErrorEnvelope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an exchange through the ordered stages, then the encoder; the observers hear of it first and are told how it ended.
 * The order itself is written down once, in {@code server.RequestPath}.
 */
public final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final List<Stage> stages;
    /** The stages' names, worked out once: the exchange is told which stage runs, for every stage of every request. */
    private final String[] stageNames;
    private final String encoderName;
    /** Each stage's needs, asked once: a stage's needs are fixed, and making them is not free. */
    private final Needs[] stageNeeds;
    private final Needs encoderNeeds;
    private final ResponseEncoder encoder;
    private final List<ExchangeObserver> observers;
    private final Later later;

    /** Runs a task after a delay, on a thread that may do a stage's work (the server's workers, not a timer's). */
    @FunctionalInterface
    public interface Later {
        void run(long millis, Runnable task);

        /** For pipelines whose stages never wait: a {@link StageWait} is a defect there. */
        Later NEVER = (millis, task) -> {
            throw new IllegalStateException("this pipeline cannot wait " + millis + " ms");
        };
    }

    private final boolean errorDetails;

    public RequestPipeline(List<Stage> stages, ResponseEncoder encoder, List<ExchangeObserver> observers) {
        this(stages, encoder, observers, Later.NEVER);
    }

    public RequestPipeline(List<Stage> stages, ResponseEncoder encoder, List<ExchangeObserver> observers, Later later) {
        this(stages, encoder, observers, later, false);
    }

    /** @param errorDetails whether errors carry {@code error.details.error_code} where first-party ones do */
    public RequestPipeline(List<Stage> stages, ResponseEncoder encoder, List<ExchangeObserver> observers, Later later,
            boolean errorDetails) {
        this.errorDetails = errorDetails;
        this.stages = List.copyOf(stages);
        this.stageNames = this.stages.stream().map(RequestPipeline::name).toArray(String[]::new);
        this.encoder = encoder;
        this.encoderName = name(encoder);
        this.stageNeeds = this.stages.stream().map(Stage::needs).toArray(Needs[]::new);
        this.encoderNeeds = encoder.needs();
        this.observers = List.copyOf(observers);
        this.later = later;
        checkOrder(this.stages, encoder);
    }

    /** Every slot a step reads is provided by an earlier stage: checked once, so no stage guards against null. */
    static void checkOrder(List<Stage> stages, ResponseEncoder encoder) {
        Set<Slot<?>> provided = new HashSet<>();
        for (Stage stage : stages) {
            requireProvided(name(stage), stage.needs(), provided);
            provided.addAll(stage.needs().provides());
        }
        requireProvided(name(encoder), encoder.needs(), provided);
    }

    private static void requireProvided(String step, Needs needs, Set<Slot<?>> provided) {
        for (Slot<?> slot : needs.reads()) {
            if (!provided.contains(slot)) {
                throw new IllegalStateException(step + " reads the " + slot + ", which no earlier stage provides");
            }
        }
    }

    private static String name(Object step) {
        return step.getClass().getSimpleName().isEmpty() ? step.getClass().getName() : step.getClass().getSimpleName();
    }

    /** Handles one exchange; the future completes when the response is fully written. */
    public CompletableFuture<Void> handle(Exchange exchange, ResponseChannel channel) {
        observe(exchange);
        return runFrom(0, exchange, channel);
    }

    /** The observers hear of the exchange before any byte of its response is written (see {@link ExchangeObserver}). */
    private void observe(Exchange exchange) {
        for (ExchangeObserver observer : observers) {
            try {
                exchange.onComplete(observer.started(exchange));
            } catch (RuntimeException e) {
                LOG.warn("observer failed: {}", e.toString());
            }
        }
    }

    private CompletableFuture<Void> runFrom(int first, Exchange exchange, ResponseChannel channel) {
        int at = first;
        Relay relay = null;
        try {
            for (; at < stages.size(); at++) {
                Stage stage = stages.get(at);
                exchange.enter(stageNames[at], stageNeeds[at]);
                stage.process(exchange);
                relay = exchange.peek(Slot.RELAY);
                if (relay != null) {
                    break; // the upstream answers; what the mock would have done no longer matters
                }
            }
            exchange.enter(encoderName, encoderNeeds);
        } catch (StageWait w) {
            exchange.enter(null, null);
            exchange.waited();
            return resumeLater(at, w.millis(), exchange, channel);
        } catch (ApiException e) {
            exchange.enter(null, null);
            sendError(exchange, channel, e);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException | Error e) {
            exchange.enter(null, null);
            // A defect in the mock, or an Error (a class that cannot load, a stack overflow): the exchange
            // ends with the real service's 500 and one log line without request data, and the next is served.
            LOG.error("internal error in {} handling {}", e.getClass().getSimpleName(), exchange.requestId(), e);
            sendError(exchange, channel, ApiException.of(ApiError.INTERNAL));
            return CompletableFuture.completedFuture(null);
        }
        if (relay != null) {
            exchange.enter(null, null);
            channel.detach();
            return relay.send(channel).handle((c, failure) -> {
                Completion done = c != null ? c : new Completion(502, null, 0, 0);
                complete(exchange, new Completion(done.status(), done.errorType(), done.outputTokens(), elapsed(exchange)));
                return null;
            });
        }
        int[] produced = {0};
        CompletableFuture<Void> sent = encoder.send(exchange, channel, n -> produced[0] = n);
        exchange.enter(null, null); // observers peek; they name no needs
        return sent
                .whenComplete((ok, failure) -> complete(exchange, new Completion(200, null, produced[0], elapsed(exchange))));
    }

    /** Runs the waiting stage again after {@code millis}; the future completes when the response is written. */
    private CompletableFuture<Void> resumeLater(int stage, long millis, Exchange exchange, ResponseChannel channel) {
        channel.detach();
        CompletableFuture<Void> done = new CompletableFuture<>();
        later.run(millis, () -> runFrom(stage, exchange, channel).whenComplete((ok, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    /** Sends an error that arose before the pipeline could run (unreadable body, unknown path). */
    public void reject(Exchange exchange, ResponseChannel channel, ApiException error) {
        observe(exchange);
        sendError(exchange, channel, error);
    }

    private void sendError(Exchange exchange, ResponseChannel channel, ApiException e) {
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(e, exchange.requestId(), errorDetails);
        reply.headers().forEach(exchange::responseHeader); // what the journal shows was sent (retry-after, x-should-retry)
        channel.begin(reply.status(), reply.contentType(), reply.headers());
        try {
            channel.body(reply.body());
        } catch (java.io.IOException ignored) {
            // the client left; nothing more to tell it
        }
        complete(exchange, new Completion(e.status(), e.type().wireName(), 0, elapsed(exchange)));
    }

    private void complete(Exchange exchange, Completion completion) {
        for (Consumer<Completion> listener : exchange.completionListeners()) {
            safely(() -> listener.accept(completion));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("completion listener failed: {}", e.toString());
        }
    }

    private static long elapsed(Exchange exchange) {
        return System.nanoTime() - exchange.startNanos();
    }
}
