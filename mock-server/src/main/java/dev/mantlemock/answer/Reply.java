package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import dev.mantlemock.tokens.TokenFacts;
import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.domain.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer as it is being "generated": blocks are appended in order until {@code max_tokens} runs
 * out or a stop sequence appears, as a real model stops mid-sentence. Stop sequences are matched in
 * text only (not in thinking or tool input).
 */
final class Reply {
    private final ModelSpec model;
    private final TokenEstimator estimator;
    private final List<String> stopSequences;
    private final List<ObjectNode> content = new ArrayList<>();
    private int remaining;
    private int used;
    private int thinking;
    private String stopReason;
    private String stopSequence;

    Reply(int maxTokens, List<String> stopSequences, TokenEstimator estimator, ModelSpec model) {
        this.remaining = maxTokens;
        this.stopSequences = stopSequences;
        this.estimator = estimator;
        this.model = model;
        if (maxTokens <= 0) {
            stopReason = "max_tokens";
        }
    }

    boolean stopped() { return stopReason != null; }

    int remaining() { return remaining; }

    /**
     * A thinking block; its full text is charged even when only the signature is shown. The signature is
     * left empty: the answer's blocks are signed once, whoever made them ({@code thinking.AnswerSigning}).
     */
    void thinking(String thinking, boolean omitted) {
        if (stopped()) {
            return;
        }
        String kept = fit(thinking);
        int tokens = estimator.estimateText(kept, model);
        charge(tokens);
        this.thinking += tokens;
        ObjectNode block = Json.object().put("type", "thinking").put("thinking", omitted ? "" : kept).put("signature", "");
        content.add(block);
        if (kept.length() < thinking.length() || remaining == 0) {
            stopReason = "max_tokens";
        }
    }

    /** A text block, cut at the first stop sequence or where the token budget ends. */
    void text(String text, JsonNode citations) {
        if (stopped() || text.isEmpty()) {
            return;
        }
        String kept = text;
        StopSequences first = StopSequences.first(text, stopSequences);
        int at = first == null ? Integer.MAX_VALUE : first.at();
        String matched = first == null ? null : first.sequence();
        // The sequence has to be "generated" before it can match, so it must fit the budget too.
        if (matched != null && estimator.estimateText(text.substring(0, at + matched.length()), model) <= remaining) {
            kept = text.substring(0, at);
            stopReason = "stop_sequence";
            stopSequence = matched;
        } else {
            kept = fit(text);
            if (kept.length() < text.length()) {
                stopReason = "max_tokens";
            }
        }
        if (!kept.isEmpty()) {
            ObjectNode block = Json.object().put("type", "text").put("text", kept);
            if (citations != null) {
                block.set("citations", citations);
            }
            content.add(block);
            charge(estimator.estimateText(kept, model));
        }
        if (!stopped() && remaining == 0) {
            stopReason = "max_tokens";
        }
    }

    /**
     * A tool_use block, whole or not at all: a call that does not fit ends the answer at max_tokens, said in
     * text when the model chose to call ({@code explain}); a forced call has no text, so then nothing is said.
     */
    void toolUse(ObjectNode block, boolean explain) {
        if (stopped()) {
            return;
        }
        int tokens = estimator.estimateText(block.path("name").asText(), model) + estimator.estimateJson(block.path("input"), model);
        if (tokens > remaining && content.stream().anyMatch(b -> b.path("type").asText().equals("tool_use"))) {
            return; // a parallel call that does not fit is left out: the answer ends in the calls made, stop_reason tool_use
        }
        if (tokens > remaining) {
            if (!explain) {
                stopReason = "max_tokens";
                return;
            }
            text("I will call the " + block.path("name").asText() + " tool with these arguments: " + Json.compact(block.path("input")), null);
            if (!stopped()) {
                stopReason = "max_tokens";
            }
            return;
        }
        content.add(block);
        charge(tokens);
    }

    Answer finish(String naturalStop) {
        return new Answer(List.copyOf(content), stopped() ? stopReason : naturalStop, stopSequence, used, thinking, null);
    }

    /** The longest prefix (whole code points) whose estimate fits the remaining budget. */
    private String fit(String text) {
        int length = text.codePointCount(0, text.length());
        if (TokenEstimator.tokensForChars(length, model) <= remaining) {
            return text;
        }
        int n = (int) Math.min(length, Math.floor(remaining * TokenFacts.CHARS_PER_TOKEN / model.tokenizerFactor()) + 1);
        while (n > 0 && TokenEstimator.tokensForChars(n, model) > remaining) {
            n--;
        }
        return text.substring(0, text.offsetByCodePoints(0, n));
    }

    private void charge(int tokens) {
        used += tokens;
        remaining -= tokens;
    }
}
