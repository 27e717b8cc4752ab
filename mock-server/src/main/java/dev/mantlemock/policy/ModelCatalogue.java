package dev.mantlemock.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.config.ConfigLoader;
import dev.mantlemock.config.MockConfig;
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

    public static ModelCatalogue load(MockConfig config) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (MockConfig.ModelEntry m : builtIn().models) {
            byId.put(m.id, spec(m));
        }
        for (MockConfig.ModelEntry m : config.models) {
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

    public Collection<ModelSpec> all() {
        return models.values();
    }

    private static ModelSpec spec(MockConfig.ModelEntry m) {
        return new ModelSpec(m.id, m.contextWindow, m.maxOutputTokens, m.tokenizerFactor);
    }

    private static Table builtIn() {
        return ConfigLoader.readBuiltIn("/bedrock/models.yaml", Table.class);
    }

    private static final class Table {
        @JsonProperty("models")
        public List<MockConfig.ModelEntry> models;
    }
}
