package dev.mantlemock.tokens;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The prompt-cache simulation. The minimum is Anthropic's documented floor; tests may lower it. */
public final class PromptCacheSettings {
    /** A prefix shorter than this many tokens is never cached (Anthropic: 1024 for most models). */
    @JsonProperty("minimum-tokens")
    public int minimumTokens = TokenFacts.DEFAULT_MIN_CACHEABLE_TOKENS;

    /** How many cached prefixes are remembered at most (least recently used go first). */
    @JsonProperty("max-entries")
    public int maxEntries = TokenFacts.DEFAULT_CACHE_ENTRIES;
}
