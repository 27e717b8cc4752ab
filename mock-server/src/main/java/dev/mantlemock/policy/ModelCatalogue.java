package dev.mantlemock.policy;

import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.bedrock.BuiltInTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models the mock serves: the built-in table ({@code bedrock/models.yaml}) plus the config's additions. */
public final class ModelCatalogue {
    private final Map<String, ModelSpec> models;

    public ModelCatalogue(Collection<ModelSpec> models) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        models.forEach(m -> byId.put(m.id(), m));
        this.models = Collections.unmodifiableMap(byId);
    }

    public static ModelCatalogue load(List<ModelEntry> added) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (ModelSpec m : builtIn()) {
            byId.put(m.id(), m);
        }
        for (ModelEntry m : added) {
            if (m.id == null || m.id.isBlank()) {
                throw new IllegalArgumentException("models: every model needs an id");
            }
            byId.put(m.id, spec(m));
        }
        return new ModelCatalogue(byId.values());
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    private static ModelSpec spec(ModelEntry m) {
        return new ModelSpec(m.id, m.contextWindow, m.maxOutputTokens, m.tokenizerFactor);
    }

    /** The rows of {@code bedrock/models.yaml}; a key left out takes the default of a model added in config. */
    private static List<ModelSpec> builtIn() {
        ModelEntry defaults = new ModelEntry();
        List<ModelSpec> models = new ArrayList<>();
        for (BuiltInTable row : BuiltInTable.read(BuiltInTable.MODELS, "models")
                .rows("models", "id", "context-window", "max-output-tokens", "tokenizer-factor")) {
            models.add(new ModelSpec(row.text("id"), row.integer("context-window", defaults.contextWindow),
                    row.integer("max-output-tokens", defaults.maxOutputTokens),
                    row.decimal("tokenizer-factor", defaults.tokenizerFactor)));
        }
        return models;
    }
}
