package dev.mantlemock.pipeline;

import dev.mantlemock.domain.Completion;
import java.util.concurrent.CompletableFuture;

/**
 * An answer the mock does not make itself: the upstream's, relayed as it arrives (record and compare
 * modes). The stage that provides it ends the request path there; the relay writes the response, and
 * its future tells the observers how the exchange ended ({@link Completion#nanos} is filled in by the pipeline).
 */
@FunctionalInterface
public interface Relay {
    CompletableFuture<Completion> send(ResponseChannel channel);
}
