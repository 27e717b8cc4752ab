package dev.mantlemock.pipeline;

import dev.mantlemock.domain.Completion;
import java.util.function.Consumer;

/**
 * Sees every exchange: the journal and the metrics are observers. Told when the exchange enters the
 * pipeline, before any byte of its response is written, so what a client has received (or abandoned) is
 * already known to the observer; returns what it wants to hear when the exchange completes. Both must be
 * cheap and never throw.
 */
@FunctionalInterface
public interface ExchangeObserver {
    Consumer<Completion> started(Exchange exchange);
}
