package dev.mantlemock.policy;

import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;

/** Resolves the requested model (404 when Mantle does not serve it) and applies its output limit. */
public final class ModelCatalogueStage implements Stage {
    private final ModelCatalogue catalogue;

    public ModelCatalogueStage(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE).andProvides(Slot.MODEL);
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.message().model();
        ModelSpec model = catalogue.find(id).orElseThrow(() -> notFound(id));
        int maxTokens = exchange.message().maxTokens();
        if (exchange.endpoint() == Endpoint.MESSAGES && maxTokens > model.maxOutputTokens()) {
            throw ApiException.of(ApiError.MAX_TOKENS_OVER_LIMIT, maxTokens, model.maxOutputTokens(), id);
        }
        exchange.model(model);
    }

    /** The endpoint's 404, with the id the caller most likely meant, or the list of ids served. */
    private ApiException notFound(String id) {
        String meant = ModelCatalogue.mantleIdFor(id);
        return catalogue.find(meant).isPresent() && !meant.equals(id)
                ? ApiException.of(ApiError.MODEL_NOT_FOUND_DID_YOU_MEAN, id, meant)
                : ApiException.of(ApiError.MODEL_NOT_FOUND, id, String.join(", ", catalogue.ids()));
    }
}
