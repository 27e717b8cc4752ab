package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every {@code tool_use} must be answered by a {@code tool_result} in the next message, and every
 * {@code tool_result} must answer a {@code tool_use} of the previous one: the rule that catches broken
 * agent loops, with the first-party wording. The results must also come first in their user turn.
 */
final class ToolPairing {
    private ToolPairing() {}

    /**
     * Pairs each turn with the nearest user or assistant turn around it: a mid-conversation system message in
     * between is the model rules' to judge (policy.SystemMessagePlacement), with words that say what is wrong.
     */
    static void check(ArrayNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            Set<String> results = ids(messages.get(i), "tool_result", "tool_use_id");
            int before = turn(messages, i, -1);
            int after = turn(messages, i, +1);
            if (!results.isEmpty()) {
                Set<String> uses = before >= 0 ? ids(messages.get(before), "tool_use", "id") : Set.of();
                results.removeAll(uses);
                if (!results.isEmpty()) {
                    throw ApiException.of(ApiError.TOOL_RESULT_WITHOUT_USE, i, String.join(", ", results));
                }
            }
            Set<String> uses = ids(messages.get(i), "tool_use", "id");
            if (!uses.isEmpty() && after >= 0) {
                uses.removeAll(ids(messages.get(after), "tool_result", "tool_use_id"));
                if (!uses.isEmpty()) {
                    throw ApiException.of(ApiError.TOOL_USE_WITHOUT_RESULT, i, String.join(", ", uses));
                }
                int expected = ids(messages.get(i), "tool_use", "id").size();
                if (leadingResults(messages.get(after)) < expected) {
                    throw ApiException.of(ApiError.TOOL_RESULTS_NOT_FIRST, after, expected);
                }
            }
        }
    }

    /** The index of the nearest message that is not a system message, in the direction given; -1 at either end. */
    private static int turn(ArrayNode messages, int from, int step) {
        for (int j = from + step; j >= 0 && j < messages.size(); j += step) {
            if (!"system".equals(messages.get(j).path("role").asText())) {
                return j;
            }
        }
        return -1;
    }

    /** How many blocks at the start of a message are tool results (text may follow them, not precede them). */
    private static int leadingResults(JsonNode message) {
        int n = 0;
        for (JsonNode block : message.path("content")) {
            if (!"tool_result".equals(block.path("type").asText())) {
                break;
            }
            n++;
        }
        return n;
    }

    private static Set<String> ids(JsonNode message, String type, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode block : message.path("content")) {
            if (type.equals(block.path("type").asText())) {
                out.add(block.path(field).asText());
            }
        }
        return out;
    }
}
