package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the model answers, independent of how it is written (JSON or SSE) and of its timing.
 *
 * @param content        the content blocks, as they appear in the final message
 * @param stopReason     {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use}, ...
 * @param stopSequence   the matched stop sequence, or null
 * @param outputTokens   output tokens of the whole answer (thinking included)
 * @param thinkingTokens the part of {@code outputTokens} spent thinking (reported in {@code output_tokens_details})
 * @param stopDetails    {@code {"type":"refusal",...}} when the stop reason is {@code refusal}, else null
 */
public record Answer(List<ObjectNode> content, String stopReason, String stopSequence, int outputTokens,
        int thinkingTokens, ObjectNode stopDetails) {

    /** An answer without thinking and without stop details. */
    public Answer(List<ObjectNode> content, String stopReason, String stopSequence, int outputTokens) {
        this(content, stopReason, stopSequence, outputTokens, 0, null);
    }

    /** Whether the model thought: a thinking or redacted_thinking block is in the answer. */
    public boolean thought() {
        for (ObjectNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("thinking") || type.equals("redacted_thinking")) {
                return true;
            }
        }
        return false;
    }

    /** The same answer with its content replaced (signed blocks, for instance). */
    public Answer withContent(List<ObjectNode> newContent) {
        return new Answer(newContent, stopReason, stopSequence, outputTokens, thinkingTokens, stopDetails);
    }

    /** The same answer ending for another reason. */
    public Answer withStop(String reason, ObjectNode details) {
        return new Answer(content, reason, reason.equals("stop_sequence") ? stopSequence : null, outputTokens,
                thinkingTokens, details);
    }
}
