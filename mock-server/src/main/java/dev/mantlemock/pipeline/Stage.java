package dev.mantlemock.pipeline;

/**
 * One step of the request path. A stage reads and enriches the exchange, or ends the request by
 * throwing {@link dev.mantlemock.domain.ApiException}. Stages know nothing of each other: each says
 * what it reads and provides ({@link #needs}), and {@link RequestPipeline} checks the order once.
 */
public interface Stage {
    void process(Exchange exchange);

    /** The slots this stage reads and those it provides. */
    Needs needs();
}
