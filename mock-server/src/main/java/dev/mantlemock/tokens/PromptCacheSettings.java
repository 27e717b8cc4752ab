package dev.mantlemock.tokens;

import dev.mantlemock.domain.Bound;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The prompt-cache simulation. The minimum is Anthropic's documented floor; tests may lower it. */
public final class PromptCacheSettings {
    /** A prefix shorter than this many tokens is never cached (Anthropic: 1024 for most models). */
    @JsonProperty("minimum-tokens")
    public int minimumTokens = TokenFacts.DEFAULT_MIN_CACHEABLE_TOKENS;

    /** How many cached prefixes are remembered at most (least recently used go first). */
    @JsonProperty("max-entries")
    public int maxEntries = TokenFacts.DEFAULT_CACHE_ENTRIES;

    static final Bound MINIMUM_TOKENS = Bound.of("prompt-cache.minimum-tokens", 0, 1_000_000);
    static final Bound MAX_ENTRIES = Bound.of("prompt-cache.max-entries", 0, 1_000_000);

    public void check() {
        MINIMUM_TOKENS.check(minimumTokens);
        MAX_ENTRIES.check(maxEntries);
    }
}
