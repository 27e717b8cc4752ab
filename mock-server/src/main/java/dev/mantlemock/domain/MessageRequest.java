package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of a validated Messages (or count_tokens) request body. Validation has already
 * checked types, so the accessors do not re-check them.
 */
public final class MessageRequest {
    private final ObjectNode body;

    public MessageRequest(ObjectNode body) {
        this.body = body;
    }

    public ObjectNode json() { return body; }

    public String model() { return body.path("model").asText(); }

    /** {@code max_tokens}; 0 for count_tokens, which has none. */
    public int maxTokens() { return body.path("max_tokens").asInt(0); }

    public boolean stream() { return body.path("stream").asBoolean(false); }

    public JsonNode system() { return body.path("system"); }

    public JsonNode messages() { return body.path("messages"); }

    public JsonNode tools() { return body.path("tools"); }

    public boolean hasTools() { return body.path("tools").size() > 0; }

    /** {@code tool_choice.type}, or "auto" when tools are given without a choice. */
    public String toolChoiceType() { return body.path("tool_choice").path("type").asText("auto"); }

    public String toolChoiceName() { return body.path("tool_choice").path("name").asText(null); }

    public boolean disableParallelToolUse() {
        return body.path("tool_choice").path("disable_parallel_tool_use").asBoolean(false);
    }

    /** {@code thinking}, or a missing node. */
    public JsonNode thinking() { return body.path("thinking"); }

    public boolean thinkingEnabled() {
        String type = thinking().path("type").asText("disabled");
        return type.equals("enabled") || type.equals("adaptive");
    }

    public List<String> stopSequences() {
        List<String> out = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> out.add(s.asText()));
        return out;
    }

    /** The JSON schema of structured outputs ({@code output_config.format} or beta {@code output_format}), or missing. */
    public JsonNode outputSchema() {
        JsonNode format = body.path("output_config").path("format");
        if (format.isMissingNode()) {
            format = body.path("output_format");
        }
        return format.path("type").asText().equals("json_schema") ? format.path("schema") : MissingNode.getInstance();
    }

    /** The last message, or a missing node. */
    public JsonNode lastMessage() {
        JsonNode messages = messages();
        return messages.size() == 0 ? MissingNode.getInstance() : messages.get(messages.size() - 1);
    }

    /** Whether the last user turn hands back a {@code tool_result}: the agent loop wants a final answer. */
    public boolean lastTurnHasToolResult() {
        JsonNode last = lastMessage();
        if (!last.path("role").asText().equals("user")) {
            return false;
        }
        for (JsonNode block : last.path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                return true;
            }
        }
        return false;
    }
}
