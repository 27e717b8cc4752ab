package dev.mantlemock.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Writes the answer an exchange has arrived at. Returns a future that completes when the last byte
 * is written (at once for JSON, later for a paced stream); {@code outputTokens} is told how many
 * output tokens were actually produced.
 */
public interface ResponseEncoder {
    CompletableFuture<Void> send(Exchange exchange, ResponseChannel channel, IntConsumer outputTokens);

    /** The slots the encoder reads; checked with the stages' when the pipeline is assembled. */
    Needs needs();
}
