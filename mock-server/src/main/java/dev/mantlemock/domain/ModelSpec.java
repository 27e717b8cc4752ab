package dev.mantlemock.domain;

/**
 * A model the mock serves, as the catalogue describes it.
 *
 * @param id               the Mantle model id as AWS publishes it: {@code anthropic.} and the model name, no date or version suffix
 * @param contextWindow    the most input tokens a prompt may have
 * @param maxOutputTokens  the highest {@code max_tokens} accepted
 * @param tokenizerFactor  tokens per 3.5 characters relative to the classic tokenizer (1.3 for Opus 4.7+)
 * @param capabilities     the rules that differ between models (thinking, effort, sampling, prefill, caching)
 */
public record ModelSpec(String id, int contextWindow, int maxOutputTokens, double tokenizerFactor,
        ModelCapabilities capabilities) {

    /**
     * Whether the model thinks when the request has no {@code thinking} parameter: its answers then begin
     * with a thinking block (models.yaml {@code thinking-on-by-default}).
     */
    public boolean thinkingOnByDefault() {
        return capabilities.thinkingOnByDefault();
    }

    /** A model whose rules allow everything: for tests about limits and token counts. */
    public ModelSpec(String id, int contextWindow, int maxOutputTokens, double tokenizerFactor) {
        this(id, contextWindow, maxOutputTokens, tokenizerFactor, ModelCapabilities.PERMISSIVE);
    }
}
