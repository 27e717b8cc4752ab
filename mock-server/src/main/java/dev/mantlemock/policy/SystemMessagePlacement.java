package dev.mantlemock.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;

/**
 * Mid-conversation {@code role: "system"} messages: refused on a model without them; elsewhere placed as
 * documented (Anthropic, "Mid-conversation system messages"): not first; after a user turn (tool results
 * included) or an assistant turn ending in a server tool result; never between a {@code tool_use} and its
 * {@code tool_result}; followed by an assistant turn or the end. Consecutive ones are one section, so each
 * is judged by the turns around the section.
 */
final class SystemMessagePlacement {
    private SystemMessagePlacement() {
    }

    static void check(JsonNode messages, boolean modelHasThem) {
        for (int i = 0; i < messages.size(); i++) {
            if (!isSystem(messages.get(i))) {
                continue;
            }
            if (!modelHasThem) {
                throw ApiException.of(ApiError.SYSTEM_MESSAGE_NOT_SUPPORTED, i);
            }
            JsonNode before = neighbour(messages, i, -1);
            if (before == null) {
                throw ApiException.of(ApiError.SYSTEM_MESSAGE_FIRST);
            }
            if (role(before).equals("assistant") && !endsInServerToolResult(before)) {
                throw ApiException.of(holds(before, "tool_use")
                        ? ApiError.SYSTEM_MESSAGE_INSIDE_TOOL_USE : ApiError.SYSTEM_MESSAGE_AFTER_ASSISTANT, i);
            }
            JsonNode after = neighbour(messages, i, +1);
            if (after != null && role(after).equals("user")) {
                throw ApiException.of(ApiError.SYSTEM_MESSAGE_BEFORE_USER, i);
            }
        }
    }

    /** The nearest message that is not a system message, in the direction given; null at either end. */
    private static JsonNode neighbour(JsonNode messages, int from, int step) {
        for (int j = from + step; j >= 0 && j < messages.size(); j += step) {
            if (!isSystem(messages.get(j))) {
                return messages.get(j);
            }
        }
        return null;
    }

    private static boolean isSystem(JsonNode message) {
        return role(message).equals("system");
    }

    private static String role(JsonNode message) {
        return message.path("role").asText();
    }

    /** Server tools end their turn with a {@code *_tool_result} block the server wrote (web search and the like). */
    private static boolean endsInServerToolResult(JsonNode assistant) {
        JsonNode content = assistant.path("content");
        if (!content.isArray() || content.isEmpty()) {
            return false;
        }
        String type = content.get(content.size() - 1).path("type").asText();
        return type.endsWith("_tool_result") && !type.equals("tool_result");
    }

    private static boolean holds(JsonNode message, String blockType) {
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals(blockType)) {
                return true;
            }
        }
        return false;
    }
}
