package dev.mantlemock.thinking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.MessageRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of what precedes a thinking block in its conversation: the system prompt, the tools, every
 * earlier message and the blocks before it in its own turn. A preserved-thinking signature binds the block
 * to it, so a block sent back after any of that changed is recognised (Anthropic, "Preserved thinking").
 * <p>
 * Compared as meaning, not bytes: a string content is its one text block, keys are sorted, and what a
 * client may legitimately rewrite when it sends a turn back is left out ({@code cache_control}, which moves
 * with the cache breakpoints; {@code signature}; null values and empty {@code citations}, which SDKs drop).
 */
public final class ConversationPrefix {
    private static final int DIGEST = 16;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConversationPrefix() {
    }

    /** Before block {@code block} of message {@code message} of a request sent back. */
    public static byte[] ofRequest(MessageRequest request, int message, int block) {
        List<JsonNode> earlier = new ArrayList<>();
        request.messages().forEach(earlier::add);
        List<JsonNode> turn = new ArrayList<>();
        blocks(earlier.get(message).path("content")).forEach(turn::add);
        return digest(request, earlier.subList(0, message), turn.subList(0, block));
    }

    /** Before block {@code block} of the answer to {@code request}: the whole request, then the answer's earlier blocks. */
    public static byte[] ofAnswer(MessageRequest request, List<? extends JsonNode> answer, int block) {
        List<JsonNode> earlier = new ArrayList<>();
        request.messages().forEach(earlier::add);
        return digest(request, earlier, List.copyOf(answer.subList(0, block)));
    }

    private static byte[] digest(MessageRequest request, List<JsonNode> messages, List<JsonNode> turn) {
        StringBuilder s = new StringBuilder();
        s.append("system ").append(canonical(blocks(request.system()))).append('\n');
        s.append("tools ").append(canonical(request.tools())).append('\n');
        for (JsonNode m : messages) {
            s.append(m.path("role").asText()).append(' ').append(canonical(blocks(m.path("content")))).append('\n');
        }
        ArrayNode before = F.arrayNode();
        turn.forEach(before::add);
        s.append("turn ").append(canonical(before));
        return Arrays.copyOf(Json.sha256(s.toString()), DIGEST);
    }

    /** A content as its blocks: a string is one text block; missing is none. */
    private static ArrayNode blocks(JsonNode content) {
        if (content.isTextual()) {
            ArrayNode one = F.arrayNode();
            one.addObject().put("type", "text").put("text", content.asText());
            return one;
        }
        return content.isArray() ? (ArrayNode) content : F.arrayNode();
    }

    /** Sorted keys, without what a client may rewrite; written as JSON. */
    private static String canonical(JsonNode node) {
        return Json.MAPPER.valueToTree(plain(node)).toString();
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!rewritable(field.getKey(), field.getValue())) {
                    sorted.put(field.getKey(), plain(field.getValue()));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        return node;
    }

    private static boolean rewritable(String key, JsonNode value) {
        return value.isNull() || key.equals("cache_control") || key.equals("signature")
                || key.equals("citations") && value.isEmpty();
    }
}
