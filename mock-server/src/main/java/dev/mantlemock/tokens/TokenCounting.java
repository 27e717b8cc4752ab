package dev.mantlemock.tokens;

import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.domain.ModelSpec;

/**
 * Counts the request's input tokens and applies the prompt cache, before the quota sees them.
 * count_tokens reports the plain total, which is what the same Messages request reports as
 * {@code input_tokens} when nothing is cached.
 */
public final class TokenCounting implements Stage {
    private final TokenEstimator estimator;
    private final PromptCache cache;

    public TokenCounting(TokenEstimator estimator, PromptCache cache) {
        this.estimator = estimator;
        this.cache = cache;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.PRINCIPAL).andProvides(Slot.INPUT_TOKENS);
    }

    @Override
    public void process(Exchange exchange) {
        ModelSpec model = exchange.model();
        InputTokens tokens = exchange.endpoint() == Endpoint.COUNT_TOKENS
                ? InputTokens.uncached(estimator.estimateInput(exchange.message(), model))
                : cache.apply(exchange.principal().accountId(), exchange.message(), model);
        if (tokens.total() > model.contextWindow()) {
            throw ApiException.of(ApiError.PROMPT_TOO_LONG, tokens.total(), model.contextWindow());
        }
        exchange.inputTokens(tokens);
    }
}
