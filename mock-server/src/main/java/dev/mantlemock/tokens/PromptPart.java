package dev.mantlemock.tokens;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One piece of the prompt in cache order (tools, then system, then messages): a tool definition, a
 * system block, a message content block, or a fixed overhead.
 *
 * @param where        a readable locator, e.g. {@code messages.2.content.0}
 * @param fingerprint  stable text of the part's content (without {@code cache_control}), hashed into cache keys
 * @param tokens       its estimated input tokens
 * @param cacheControl the block's {@code cache_control}, or null; overheads never carry one
 * @param block        whether this is a content block (a breakpoint candidate) rather than an overhead
 */
public record PromptPart(String where, String fingerprint, int tokens, JsonNode cacheControl, boolean block) {

    public boolean isBreakpoint() { return cacheControl != null; }

    PromptPart withCacheControl(JsonNode control) {
        return new PromptPart(where, fingerprint, tokens, control, block);
    }
}
