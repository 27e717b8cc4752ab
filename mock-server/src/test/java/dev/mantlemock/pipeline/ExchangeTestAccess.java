package dev.mantlemock.pipeline;

import dev.mantlemock.domain.Completion;

/** Lets tests of single stages finish an exchange the way the pipeline does. */
public final class ExchangeTestAccess {
    private ExchangeTestAccess() {}

    public static void complete(Exchange exchange, Completion completion) {
        exchange.completionListeners().forEach(l -> l.accept(completion));
    }
}
