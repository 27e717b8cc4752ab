package dev.mantlemock.policy;

import dev.mantlemock.api.ApiException;
import dev.mantlemock.api.ErrorTexts;
import dev.mantlemock.api.ErrorType;
import dev.mantlemock.pipeline.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Stage;

/** Resolves the requested model (404 when Mantle does not serve it) and applies its output limit. */
public final class ModelCatalogueStage implements Stage {
    private final ModelCatalogue catalogue;

    public ModelCatalogueStage(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.message().model();
        ModelSpec model = catalogue.find(id)
                .orElseThrow(() -> new ApiException(ErrorType.NOT_FOUND, String.format(ErrorTexts.MODEL_NOT_FOUND, id)));
        int maxTokens = exchange.message().maxTokens();
        if (exchange.endpoint() == Endpoint.MESSAGES && maxTokens > model.maxOutputTokens()) {
            throw ApiException.invalid(String.format(ErrorTexts.MAX_TOKENS_OVER_LIMIT, maxTokens, model.maxOutputTokens(), id));
        }
        exchange.model(model);
    }
}
