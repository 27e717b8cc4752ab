package dev.mantlemock.pipeline;

import dev.mantlemock.api.ApiException;
import dev.mantlemock.api.ErrorEnvelope;
import dev.mantlemock.api.ErrorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an exchange through the ordered stages, then the encoder, then tells the observers.
 * The order itself is written down once, in {@code server.RequestPath}.
 */
public final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final List<Stage> stages;
    private final ResponseEncoder encoder;
    private final List<ExchangeObserver> observers;

    public RequestPipeline(List<Stage> stages, ResponseEncoder encoder, List<ExchangeObserver> observers) {
        this.stages = List.copyOf(stages);
        this.encoder = encoder;
        this.observers = List.copyOf(observers);
    }

    /** Handles one exchange; the future completes when the response is fully written. */
    public CompletableFuture<Void> handle(Exchange exchange, ResponseChannel channel) {
        try {
            for (Stage stage : stages) {
                stage.process(exchange);
            }
        } catch (ApiException e) {
            sendError(exchange, channel, e);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            // A defect in the mock: answer like the real service would, log without request data.
            LOG.error("internal error in {} handling {}", e.getClass().getSimpleName(), exchange.requestId(), e);
            sendError(exchange, channel, new ApiException(ErrorType.API, "Internal server error"));
            return CompletableFuture.completedFuture(null);
        }
        int[] produced = {0};
        return encoder.send(exchange, channel, n -> produced[0] = n)
                .whenComplete((ok, failure) -> complete(exchange, new Completion(200, null, produced[0], elapsed(exchange))));
    }

    /** Sends an error that arose before the pipeline could run (unreadable body, unknown path). */
    public void reject(Exchange exchange, ResponseChannel channel, ApiException error) {
        sendError(exchange, channel, error);
    }

    private void sendError(Exchange exchange, ResponseChannel channel, ApiException e) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("request-id", exchange.requestId());
        headers.putIfAbsent("x-should-retry", Boolean.toString(!e.type().isClientError()));
        channel.begin(e.status(), "application/json", headers);
        try {
            channel.body(ErrorEnvelope.json(e.type().wireName(), e.getMessage(), exchange.requestId()));
        } catch (java.io.IOException ignored) {
            // the client left; nothing more to tell it
        }
        complete(exchange, new Completion(e.status(), e.type().wireName(), 0, elapsed(exchange)));
    }

    private void complete(Exchange exchange, Completion completion) {
        for (Consumer<Completion> listener : exchange.completionListeners()) {
            safely(() -> listener.accept(completion));
        }
        for (ExchangeObserver observer : observers) {
            safely(() -> observer.completed(exchange, completion));
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
