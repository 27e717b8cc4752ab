package dev.mantlemock.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.bedrock.BuiltInTable;
import dev.mantlemock.domain.ModelCapabilities;
import dev.mantlemock.domain.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the model catalogue: a built-in row of {@code bedrock/models.yaml}, or a model the config
 * adds or changes ({@code models:}). Every field but the id may be left out (null): a config entry
 * changes only what it names, over the built-in row of the same id or over the table's {@code defaults}.
 */
public final class ModelEntry {
    /** The keys of a row, as written in the YAML. */
    static final String[] KEYS = {"id", "on-mantle", "instead", "context-window", "max-output-tokens",
        "tokenizer-factor", "thinking", "thinking-on-by-default", "thinking-display", "disabled-max-effort",
        "between-tools-max-effort", "effort", "default-effort", "sampling", "top-p-accepted", "temperature-with-top-p",
        "prefill", "structured-outputs", "strict-tools", "forced-tool-choice", "min-cacheable-tokens",
        "max-cache-breakpoints", "system-messages", "preserved-thinking", "sources"};
    /** The keys every built-in row states; {@code defaults} states them all but the id and sources. */
    static final List<String> REQUIRED = List.of(KEYS);
    static final List<String> DEFAULTED = REQUIRED.subList(1, REQUIRED.size() - 1);
    static final List<String> ON_MANTLE = List.of("listed", "unlisted", "contested");

    /** The word for "no value" in {@code instead}, {@code default-effort}, {@code top-p-accepted}; "any" for an effort cap. */
    static final String NONE = "none";
    static final String ANY = "any";

    public String id;
    @JsonProperty("on-mantle")
    public String onMantle;
    /** The model to use instead, named in the 404 of an unlisted one. */
    public String instead;
    @JsonProperty("context-window")
    public Integer contextWindow;
    @JsonProperty("max-output-tokens")
    public Integer maxOutputTokens;
    @JsonProperty("tokenizer-factor")
    public Double tokenizerFactor;
    public List<String> thinking;
    @JsonProperty("thinking-on-by-default")
    public Boolean thinkingOnByDefault;
    @JsonProperty("thinking-display")
    public String thinkingDisplay;
    @JsonProperty("disabled-max-effort")
    public String disabledMaxEffort;
    @JsonProperty("between-tools-max-effort")
    public String betweenToolsMaxEffort;
    public List<String> effort;
    @JsonProperty("default-effort")
    public String defaultEffort;
    public List<String> sampling;
    @JsonProperty("top-p-accepted")
    public String topPAccepted;
    @JsonProperty("temperature-with-top-p")
    public Boolean temperatureWithTopP;
    public Boolean prefill;
    @JsonProperty("structured-outputs")
    public Boolean structuredOutputs;
    @JsonProperty("strict-tools")
    public Boolean strictTools;
    @JsonProperty("forced-tool-choice")
    public Boolean forcedToolChoice;
    @JsonProperty("min-cacheable-tokens")
    public Integer minCacheableTokens;
    @JsonProperty("max-cache-breakpoints")
    public Integer maxCacheBreakpoints;
    @JsonProperty("system-messages")
    public Boolean systemMessages;
    @JsonProperty("preserved-thinking")
    public Boolean preservedThinking;
    /** Where the values come from; documentation only. */
    public List<String> sources;

    /** A row of the built-in table, which must state the {@code required} keys. */
    static ModelEntry read(BuiltInTable row, List<String> required) {
        row.require(required);
        ModelEntry e = new ModelEntry();
        e.id = row.textOrNull("id");
        e.onMantle = row.textOrNull("on-mantle");
        e.instead = row.textOrNull("instead");
        e.contextWindow = row.integerOrNull("context-window");
        e.maxOutputTokens = row.integerOrNull("max-output-tokens");
        e.tokenizerFactor = row.decimalOrNull("tokenizer-factor");
        e.thinking = row.stringsOrNull("thinking");
        e.thinkingOnByDefault = row.boolOrNull("thinking-on-by-default");
        e.thinkingDisplay = row.textOrNull("thinking-display");
        e.disabledMaxEffort = row.textOrNull("disabled-max-effort");
        e.betweenToolsMaxEffort = row.textOrNull("between-tools-max-effort");
        e.effort = row.stringsOrNull("effort");
        e.defaultEffort = row.textOrNull("default-effort");
        e.sampling = row.stringsOrNull("sampling");
        e.topPAccepted = row.textOrNull("top-p-accepted");
        e.temperatureWithTopP = row.boolOrNull("temperature-with-top-p");
        e.prefill = row.boolOrNull("prefill");
        e.structuredOutputs = row.boolOrNull("structured-outputs");
        e.strictTools = row.boolOrNull("strict-tools");
        e.forcedToolChoice = row.boolOrNull("forced-tool-choice");
        e.minCacheableTokens = row.integerOrNull("min-cacheable-tokens");
        e.maxCacheBreakpoints = row.integerOrNull("max-cache-breakpoints");
        e.systemMessages = row.boolOrNull("system-messages");
        e.preservedThinking = row.boolOrNull("preserved-thinking");
        e.sources = row.stringsOrNull("sources");
        return e;
    }

    /** This entry with every field {@code over} states taken from {@code over}. */
    ModelEntry overlaidWith(ModelEntry over) {
        ModelEntry e = new ModelEntry();
        e.id = pick(over, this, m -> m.id);
        e.onMantle = pick(over, this, m -> m.onMantle);
        e.instead = pick(over, this, m -> m.instead);
        e.contextWindow = pick(over, this, m -> m.contextWindow);
        e.maxOutputTokens = pick(over, this, m -> m.maxOutputTokens);
        e.tokenizerFactor = pick(over, this, m -> m.tokenizerFactor);
        e.thinking = pick(over, this, m -> m.thinking);
        e.thinkingOnByDefault = pick(over, this, m -> m.thinkingOnByDefault);
        e.thinkingDisplay = pick(over, this, m -> m.thinkingDisplay);
        e.disabledMaxEffort = pick(over, this, m -> m.disabledMaxEffort);
        e.betweenToolsMaxEffort = pick(over, this, m -> m.betweenToolsMaxEffort);
        e.effort = pick(over, this, m -> m.effort);
        e.defaultEffort = pick(over, this, m -> m.defaultEffort);
        e.sampling = pick(over, this, m -> m.sampling);
        e.topPAccepted = pick(over, this, m -> m.topPAccepted);
        e.temperatureWithTopP = pick(over, this, m -> m.temperatureWithTopP);
        e.prefill = pick(over, this, m -> m.prefill);
        e.structuredOutputs = pick(over, this, m -> m.structuredOutputs);
        e.strictTools = pick(over, this, m -> m.strictTools);
        e.forcedToolChoice = pick(over, this, m -> m.forcedToolChoice);
        e.minCacheableTokens = pick(over, this, m -> m.minCacheableTokens);
        e.maxCacheBreakpoints = pick(over, this, m -> m.maxCacheBreakpoints);
        e.systemMessages = pick(over, this, m -> m.systemMessages);
        e.preservedThinking = pick(over, this, m -> m.preservedThinking);
        e.sources = pick(over, this, m -> m.sources);
        return e;
    }

    /** The rules this entry sets, as YAML-like {@code key: value} pairs, for a 404 that says what a new model inherits. */
    String describe() {
        return String.join(", ", List.of("context-window: " + contextWindow, "max-output-tokens: " + maxOutputTokens,
                "thinking: " + thinking, "thinking-on-by-default: " + thinkingOnByDefault,
                "thinking-display: " + thinkingDisplay, "effort: " + effort, "default-effort: " + defaultEffort,
                "sampling: " + sampling, "prefill: " + prefill, "forced-tool-choice: " + forcedToolChoice,
                "structured-outputs: " + structuredOutputs, "strict-tools: " + strictTools,
                "min-cacheable-tokens: " + minCacheableTokens, "max-cache-breakpoints: " + maxCacheBreakpoints,
                "system-messages: " + systemMessages, "preserved-thinking: " + preservedThinking));
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
        Map<String, String> caps = new LinkedHashMap<>();
        cap(caps, "disabled", where + "disabled-max-effort", disabledMaxEffort);
        cap(caps, "between_tools", where + "between-tools-max-effort", betweenToolsMaxEffort);
        if (!defaultEffort.equals(NONE)) {
            oneOf(where + "default-effort", List.of(defaultEffort), levels);
        } else if (!levels.isEmpty()) {
            throw new IllegalArgumentException(where + "default-effort must name one of " + levels + " (the model has effort)");
        }
        return new ModelSpec(id, contextWindow, maxOutputTokens, tokenizerFactor, new ModelCapabilities(
                Set.copyOf(thinking), thinkingOnByDefault, thinkingDisplay, caps, levels,
                defaultEffort.equals(NONE) ? Optional.empty() : Optional.of(defaultEffort), Set.copyOf(sampling),
                topPRange(where + "top-p-accepted", topPAccepted), temperatureWithTopP, prefill, structuredOutputs,
                strictTools, forcedToolChoice, minCacheableTokens, maxCacheBreakpoints, systemMessages,
                preservedThinking));
    }

    /** The model to use instead of this one, when it is not served; empty when the row names none. */
    Optional<String> instead() {
        return instead == null || instead.equals(NONE) ? Optional.empty() : Optional.of(instead);
    }

    private static void cap(Map<String, String> caps, String type, String key, String level) {
        if (!level.equals(ANY)) {
            oneOf(key, List.of(level), ModelCapabilities.EFFORT_LEVELS);
            caps.put(type, level);
        }
    }

    /** {@code none}, one value ({@code 0.99}), or {@code low..high} (high excluded). */
    private static ModelCapabilities.TopPRange topPRange(String key, String text) {
        if (text.equals(NONE)) {
            return ModelCapabilities.TopPRange.NONE;
        }
        try {
            String[] bounds = text.split("\\.\\.", -1);
            double low = Double.parseDouble(bounds[0]);
            double high = bounds.length == 2 ? Double.parseDouble(bounds[1]) : low;
            if (bounds.length > 2 || high < low || low < 0 || high > 1) {
                throw new NumberFormatException();
            }
            return new ModelCapabilities.TopPRange(low, high);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be none, a value from 0 to 1, or low..high, not '" + text + "'");
        }
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
