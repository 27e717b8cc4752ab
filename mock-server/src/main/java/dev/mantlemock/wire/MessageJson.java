package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.InputTokens;
import java.util.List;

/** The Message object and its usage, as both the JSON body and the stream's message_start carry them. */
public final class MessageJson {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MessageJson() {}

    public static ObjectNode message(String id, String model, List<ObjectNode> content, String stopReason,
            String stopSequence, InputTokens input, int outputTokens) {
        ObjectNode m = F.objectNode();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        ArrayNode blocks = m.putArray("content");
        content.forEach(blocks::add);
        m.put("stop_reason", stopReason);
        m.put("stop_sequence", stopSequence);
        m.set("usage", usage(input, outputTokens));
        return m;
    }

    public static ObjectNode usage(InputTokens input, int outputTokens) {
        ObjectNode u = F.objectNode();
        u.put("input_tokens", input.uncached());
        u.put("cache_creation_input_tokens", input.cacheCreation());
        u.put("cache_read_input_tokens", input.cacheRead());
        ObjectNode split = u.putObject("cache_creation");
        split.put("ephemeral_5m_input_tokens", input.cacheCreation5m());
        split.put("ephemeral_1h_input_tokens", input.cacheCreation1h());
        u.put("output_tokens", outputTokens);
        return u;
    }
}
