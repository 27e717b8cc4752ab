package dev.mantlemock.tokens;

import dev.mantlemock.domain.Bound;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.ModelSpec;
import java.util.function.ToIntFunction;

/** The prompt-cache simulation. The minimum is each model's documented floor; tests may lower it. */
public final class PromptCacheSettings {
    /**
     * A prefix shorter than this many tokens is never cached, on every model. Unset: each model's own
     * {@code min-cacheable-tokens} ({@code bedrock/models.yaml}). Tests set a small one.
     */
    @JsonProperty("minimum-tokens")
    public Integer minimumTokens;

    /** How many cached prefixes are remembered at most (least recently used go first). */
    @JsonProperty("max-entries")
    public int maxEntries = TokenFacts.DEFAULT_CACHE_ENTRIES;

    /** The minimum cacheable prefix of a model: the setting if given, else the model's own. */
    public ToIntFunction<ModelSpec> minimumFor() {
        Integer fixed = minimumTokens;
        return fixed != null ? model -> fixed : model -> model.capabilities().minimumCacheableTokens();
    }

    static final Bound MINIMUM_TOKENS = Bound.of("prompt-cache.minimum-tokens", 0, 1_000_000);
    static final Bound MAX_ENTRIES = Bound.of("prompt-cache.max-entries", 0, 1_000_000);

    public void check() {
        MINIMUM_TOKENS.checkIfSet(minimumTokens);
        MAX_ENTRIES.check(maxEntries);
    }
}
