package dev.mantlemock.pipeline;

import dev.mantlemock.domain.Completion;

/** Sees every finished exchange: the journal and the metrics are observers. Must be cheap and never throw. */
@FunctionalInterface
public interface ExchangeObserver {
    void completed(Exchange exchange, Completion completion);
}
