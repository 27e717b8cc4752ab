package dev.mantlemock.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.bedrock.BuiltInTable;
import dev.mantlemock.domain.ModelCapabilities;
import dev.mantlemock.domain.ModelSpec;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the model catalogue: a built-in row of {@code bedrock/models.yaml}, or a model the config
 * adds or changes ({@code models:}). Every field but the id may be left out (null): a config entry
 * changes only what it names, over the built-in row of the same id or over the table's {@code defaults}.
 */
public final class ModelEntry {
    /** The keys of a row, as written in the YAML. */
    static final String[] KEYS = {"id", "on-mantle", "context-window", "max-output-tokens", "tokenizer-factor",
        "thinking", "thinking-display", "effort", "sampling", "temperature-with-top-p", "prefill",
        "structured-outputs", "strict-tools", "min-cacheable-tokens", "max-cache-breakpoints", "sources"};
    /** The keys every built-in row states; {@code defaults} states them all but the id and sources. */
    static final List<String> REQUIRED = List.of(KEYS);
    static final List<String> DEFAULTED = REQUIRED.subList(1, REQUIRED.size() - 1);
    static final List<String> ON_MANTLE = List.of("listed", "unlisted", "contested");

    public String id;
    @JsonProperty("on-mantle")
    public String onMantle;
    @JsonProperty("context-window")
    public Integer contextWindow;
    @JsonProperty("max-output-tokens")
    public Integer maxOutputTokens;
    @JsonProperty("tokenizer-factor")
    public Double tokenizerFactor;
    public List<String> thinking;
    @JsonProperty("thinking-display")
    public String thinkingDisplay;
    public List<String> effort;
    public List<String> sampling;
    @JsonProperty("temperature-with-top-p")
    public Boolean temperatureWithTopP;
    public Boolean prefill;
    @JsonProperty("structured-outputs")
    public Boolean structuredOutputs;
    @JsonProperty("strict-tools")
    public Boolean strictTools;
    @JsonProperty("min-cacheable-tokens")
    public Integer minCacheableTokens;
    @JsonProperty("max-cache-breakpoints")
    public Integer maxCacheBreakpoints;
    /** Where the values come from; documentation only. */
    public List<String> sources;

    /** A row of the built-in table, which must state the {@code required} keys. */
    static ModelEntry read(BuiltInTable row, List<String> required) {
        row.require(required);
        ModelEntry e = new ModelEntry();
        e.id = row.textOrNull("id");
        e.onMantle = row.textOrNull("on-mantle");
        e.contextWindow = row.integerOrNull("context-window");
        e.maxOutputTokens = row.integerOrNull("max-output-tokens");
        e.tokenizerFactor = row.decimalOrNull("tokenizer-factor");
        e.thinking = row.stringsOrNull("thinking");
        e.thinkingDisplay = row.textOrNull("thinking-display");
        e.effort = row.stringsOrNull("effort");
        e.sampling = row.stringsOrNull("sampling");
        e.temperatureWithTopP = row.boolOrNull("temperature-with-top-p");
        e.prefill = row.boolOrNull("prefill");
        e.structuredOutputs = row.boolOrNull("structured-outputs");
        e.strictTools = row.boolOrNull("strict-tools");
        e.minCacheableTokens = row.integerOrNull("min-cacheable-tokens");
        e.maxCacheBreakpoints = row.integerOrNull("max-cache-breakpoints");
        e.sources = row.stringsOrNull("sources");
        return e;
    }

    /** This entry with every field {@code over} states taken from {@code over}. */
    ModelEntry overlaidWith(ModelEntry over) {
        ModelEntry e = new ModelEntry();
        e.id = pick(over, this, m -> m.id);
        e.onMantle = pick(over, this, m -> m.onMantle);
        e.contextWindow = pick(over, this, m -> m.contextWindow);
        e.maxOutputTokens = pick(over, this, m -> m.maxOutputTokens);
        e.tokenizerFactor = pick(over, this, m -> m.tokenizerFactor);
        e.thinking = pick(over, this, m -> m.thinking);
        e.thinkingDisplay = pick(over, this, m -> m.thinkingDisplay);
        e.effort = pick(over, this, m -> m.effort);
        e.sampling = pick(over, this, m -> m.sampling);
        e.temperatureWithTopP = pick(over, this, m -> m.temperatureWithTopP);
        e.prefill = pick(over, this, m -> m.prefill);
        e.structuredOutputs = pick(over, this, m -> m.structuredOutputs);
        e.strictTools = pick(over, this, m -> m.strictTools);
        e.minCacheableTokens = pick(over, this, m -> m.minCacheableTokens);
        e.maxCacheBreakpoints = pick(over, this, m -> m.maxCacheBreakpoints);
        e.sources = pick(over, this, m -> m.sources);
        return e;
    }

    /** The rules this entry sets, as YAML-like {@code key: value} pairs, for a 404 that says what a new model inherits. */
    String describe() {
        return String.join(", ", List.of("context-window: " + contextWindow, "max-output-tokens: " + maxOutputTokens,
                "thinking: " + thinking, "thinking-display: " + thinkingDisplay, "effort: " + effort,
                "sampling: " + sampling, "prefill: " + prefill, "structured-outputs: " + structuredOutputs,
                "strict-tools: " + strictTools, "min-cacheable-tokens: " + minCacheableTokens,
                "max-cache-breakpoints: " + maxCacheBreakpoints));
    }

    /** Whether AWS lists the model for bedrock-mantle, or the sources disagree (then it is served). */
    boolean servedByDefault() {
        return !onMantle.equals("unlisted");
    }

    /** The model as the stages see it; every value checked, naming the entry and key at fault. */
    ModelSpec spec() {
        String where = "models: '" + id + "': ";
        oneOf(where + "on-mantle", List.of(onMantle), ON_MANTLE);
        oneOf(where + "thinking", thinking, ModelCapabilities.THINKING_MODES);
        oneOf(where + "thinking-display", List.of(thinkingDisplay), ModelCapabilities.DISPLAYS);
        oneOf(where + "effort", effort, ModelCapabilities.EFFORT_LEVELS);
        oneOf(where + "sampling", sampling, ModelCapabilities.SAMPLING_PARAMETERS);
        positive(where + "context-window", contextWindow);
        positive(where + "max-output-tokens", maxOutputTokens);
        positive(where + "min-cacheable-tokens", minCacheableTokens);
        positive(where + "max-cache-breakpoints", maxCacheBreakpoints);
        if (!(tokenizerFactor > 0)) {
            throw new IllegalArgumentException(where + "tokenizer-factor must be above 0, not " + tokenizerFactor);
        }
        List<String> levels = ModelCapabilities.EFFORT_LEVELS.stream().filter(effort::contains).toList();
        return new ModelSpec(id, contextWindow, maxOutputTokens, tokenizerFactor, new ModelCapabilities(
                Set.copyOf(thinking), thinkingDisplay, levels, Set.copyOf(sampling), temperatureWithTopP, prefill,
                structuredOutputs, strictTools, minCacheableTokens, maxCacheBreakpoints));
    }

    private static <T> T pick(ModelEntry over, ModelEntry under, Function<ModelEntry, T> field) {
        T value = field.apply(over);
        return value != null ? value : field.apply(under);
    }

    private static void oneOf(String key, List<String> values, List<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(key + " must name only " + allowed + ", not '" + v + "'");
            }
        }
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }
}
