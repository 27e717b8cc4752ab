package dev.mantlemock.wire;

import dev.mantlemock.domain.Answer;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Spreads an answer's output tokens over its deltas in proportion to their characters, so that the
 * deltas of a stream add up exactly to the answer's {@code output_tokens}.
 */
final class TokenSpread {
    private final int totalTokens;
    private final long totalChars;
    private long charsSoFar;
    private int tokensSoFar;

    TokenSpread(Answer answer) {
        this.totalTokens = answer.outputTokens();
        long chars = 0;
        for (ObjectNode block : answer.content()) {
            chars += block.path("text").asText("").length() + block.path("thinking").asText("").length();
            if (block.has("input")) {
                String json = block.get("input").toString();
                chars += json.equals("{}") ? 0 : json.length();
            }
        }
        this.totalChars = Math.max(1, chars);
    }

    int tokensFor(String fragment) {
        charsSoFar += fragment.length();
        int upTo = (int) Math.min(totalTokens, Math.round((double) charsSoFar * totalTokens / totalChars));
        int tokens = upTo - tokensSoFar;
        tokensSoFar = upTo;
        return tokens;
    }
}
