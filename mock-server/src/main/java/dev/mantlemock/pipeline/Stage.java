package dev.mantlemock.pipeline;

import dev.mantlemock.api.ApiException;

/**
 * One step of the request path. A stage reads and enriches the exchange, or ends the request by
 * throwing {@link ApiException}. Stages know nothing of each other; {@link RequestPipeline} orders them.
 */
@FunctionalInterface
public interface Stage {
    void process(Exchange exchange);
}
