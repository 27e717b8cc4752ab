package dev.mantlemock.policy;

import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiError.ModelHint;
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

    /**
     * The endpoint's 404, with what to do about it: the Mantle form of an id written for another surface
     * (whether or not that model is served), how to serve a model AWS does not list for bedrock-mantle, the
     * config lines that add a model of the family the mock does not know, and the models served.
     */
    private ApiException notFound(String id) {
        String meant = ModelCatalogue.mantleIdFor(id);
        StringBuilder advice = new StringBuilder();
        if (!meant.equals(id)) {
            advice.append(ModelHint.ID_FORM.format(meant));
        }
        if (catalogue.find(meant).isPresent()) {
            return ApiException.of(ApiError.MODEL_NOT_FOUND, id, advice.toString().trim());
        }
        if (catalogue.isOffMantle(meant)) {
            catalogue.insteadOf(meant).ifPresent(other -> advice.append(ModelHint.INSTEAD.format(other)));
            advice.append(ModelHint.OFF_MANTLE.format(meant));
        } else if (ModelCatalogue.looksLikeMantleModelId(meant)) {
            advice.append(ModelHint.ADD_TO_CONFIG.format(meant, meant, ModelCatalogue.inheritedDefaults()));
        }
        advice.append(ModelHint.SERVED.format(String.join(", ", catalogue.ids())));
        return ApiException.of(ApiError.MODEL_NOT_FOUND, id, advice);
    }
}
