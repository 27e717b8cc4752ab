package dev.mantlemock.policy;

import dev.mantlemock.bedrock.BuiltInTable;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the mock serves: the built-in table ({@code bedrock/models.yaml}) changed and extended by
 * the config's {@code models:}. A model AWS does not list for bedrock-mantle is left out unless the
 * config asks to serve such models anyway.
 */
public final class ModelCatalogue {
    /** The top-level keys of models.yaml. */
    private static final String[] SECTIONS = {"other-id-forms", "defaults", "models"};
    private static final OtherIdForms OTHER_ID_FORMS = OtherIdForms.read(
            BuiltInTable.read(BuiltInTable.MODELS, SECTIONS).section("other-id-forms", OtherIdForms.KEYS));
    private final Map<String, ModelSpec> models;
    /** Built-in models left out because AWS does not list them for bedrock-mantle: their 404 says how to serve them. */
    private final Map<String, Optional<String>> offMantle;
    /** The rows served, as the config left them: what {@code GET /_mock/models} shows. */
    private final List<ModelEntry> servedRows;

    public ModelCatalogue(Collection<ModelSpec> models) {
        this(models, Map.of(), List.of());
    }

    private ModelCatalogue(Collection<ModelSpec> models, Map<String, Optional<String>> offMantle, List<ModelEntry> rows) {
        this.servedRows = List.copyOf(rows);
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        models.forEach(m -> byId.put(m.id(), m));
        this.models = Collections.unmodifiableMap(byId);
        this.offMantle = Map.copyOf(offMantle);
    }

    /** The built-in models AWS lists for bedrock-mantle (and the contested ones), plus the config's. */
    public static ModelCatalogue load(List<ModelEntry> configured) {
        return load(configured, false);
    }

    /** @param serveUnlisted also serve the built-in models AWS does not list for bedrock-mantle */
    public static ModelCatalogue load(List<ModelEntry> configured, boolean serveUnlisted) {
        Map<String, ModelEntry> byId = entries(configured);
        List<ModelSpec> served = new ArrayList<>();
        Map<String, Optional<String>> offMantle = new LinkedHashMap<>();
        List<ModelEntry> rows = new ArrayList<>();
        for (ModelEntry e : byId.values()) {
            ModelSpec spec = e.spec();
            if (serveUnlisted || e.servedByDefault()) {
                served.add(spec);
                rows.add(e);
            } else {
                offMantle.put(e.id, e.instead());
            }
        }
        return new ModelCatalogue(served, offMantle, rows);
    }

    /** Every row, served or not, after the config's changes: what the model table in docs/api.md shows. */
    public static List<ModelEntry> entries() {
        return List.copyOf(entries(List.of()).values());
    }

    /**
     * Each served model with every rule, under its models.yaml key, and its sources; then the built-in models
     * left out, with the switch that serves them. What {@code GET /_mock/models} answers.
     */
    public Map<String, Object> describe() {
        List<Object> rows = new ArrayList<>();
        for (ModelEntry row : servedRows) {
            rows.add(Json.MAPPER.convertValue(row, Map.class));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("models", rows);
        out.put("not-served", List.copyOf(offMantle.keySet()));
        out.put("serve-them-with", "off-mantle-models: serve");
        return out;
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** Whether {@code id} is a built-in model this mock leaves out because AWS does not list it for bedrock-mantle. */
    public boolean isOffMantle(String id) {
        return offMantle.containsKey(id);
    }

    /** The served model to use instead of a built-in one left out, when its row names one. */
    public Optional<String> insteadOf(String id) {
        return offMantle.getOrDefault(id, Optional.empty()).filter(models::containsKey);
    }

    /** Whether {@code id} has the shape of a Mantle model id of the catalogue's family ({@code other-id-forms}). */
    public static boolean looksLikeMantleModelId(String id) {
        return OTHER_ID_FORMS.looksLikeMantleModelId(id);
    }

    /** What a model added in config with only an id inherits: the table's {@code defaults}, key by key. */
    public static String inheritedDefaults() {
        return defaults().describe();
    }

    /** The Mantle id that an id written for another surface means (models.yaml, {@code other-id-forms}). */
    public static String mantleIdFor(String id) {
        return OTHER_ID_FORMS.mantleIdFor(id);
    }

    /** The ids served, in the table's order. */
    public List<String> ids() {
        return List.copyOf(models.keySet());
    }

    private static Map<String, ModelEntry> entries(List<ModelEntry> configured) {
        BuiltInTable table = BuiltInTable.read(BuiltInTable.MODELS, SECTIONS);
        ModelEntry defaults = defaults();
        Map<String, ModelEntry> byId = new LinkedHashMap<>();
        for (BuiltInTable row : table.rows("models", ModelEntry.KEYS)) {
            ModelEntry e = ModelEntry.read(row, ModelEntry.REQUIRED);
            byId.put(e.id, e);
        }
        for (ModelEntry m : configured) {
            if (m.id == null || m.id.isBlank()) {
                throw new IllegalArgumentException("models: every model needs an id");
            }
            byId.put(m.id, byId.getOrDefault(m.id, defaults).overlaidWith(m));
        }
        return byId;
    }

    private static ModelEntry defaults() {
        BuiltInTable table = BuiltInTable.read(BuiltInTable.MODELS, SECTIONS);
        return ModelEntry.read(table.section("defaults", ModelEntry.KEYS), ModelEntry.DEFAULTED);
    }
}
