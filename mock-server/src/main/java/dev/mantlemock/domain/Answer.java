package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the model answers, independent of how it is written (JSON or SSE) and of its timing.
 *
 * @param content      the content blocks, as they appear in the final message
 * @param stopReason   {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use}, ...
 * @param stopSequence the matched stop sequence, or null
 * @param outputTokens output tokens of the whole answer (thinking included)
 */
public record Answer(List<ObjectNode> content, String stopReason, String stopSequence, int outputTokens) {}
