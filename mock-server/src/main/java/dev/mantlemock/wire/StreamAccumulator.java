package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds content blocks back from stream events, as the SDK accumulators do. Used to cut a JSON
 * answer at the same point a stream would be cut, so both forms of an answer always agree.
 */
public final class StreamAccumulator {
    private final Map<Integer, ObjectNode> blocks = new TreeMap<>();
    private final Map<Integer, StringBuilder> partialJson = new TreeMap<>();
    private final Map<Integer, Boolean> closed = new TreeMap<>();

    public void accept(SseEvent event) {
        ObjectNode data = event.data();
        switch (event.name()) {
            case "content_block_start" -> {
                blocks.put(data.get("index").asInt(), data.get("content_block").deepCopy());
                closed.put(data.get("index").asInt(), false);
            }
            case "content_block_delta" -> apply(data.get("index").asInt(), data.get("delta"));
            case "content_block_stop" -> closed.put(data.get("index").asInt(), true);
            default -> { }
        }
    }

    /** The blocks so far; a tool call whose JSON is unfinished is left out, since it cannot be used. */
    public List<ObjectNode> content() {
        List<ObjectNode> out = new ArrayList<>();
        for (var entry : blocks.entrySet()) {
            ObjectNode block = entry.getValue();
            int index = entry.getKey();
            if (block.path("type").asText().equals("tool_use")) {
                JsonNode input = parse(partialJson.get(index));
                if (input == null || !closed.get(index)) {
                    continue;
                }
                block.set("input", input);
            }
            if (block.path("type").asText().equals("thinking") && block.path("signature").asText().isEmpty()) {
                continue; // a thinking block without its signature cannot be sent back
            }
            out.add(block);
        }
        return out;
    }

    private void apply(int index, JsonNode delta) {
        ObjectNode block = blocks.get(index);
        switch (delta.path("type").asText()) {
            case "text_delta" -> block.put("text", block.path("text").asText() + delta.path("text").asText());
            case "thinking_delta" -> block.put("thinking", block.path("thinking").asText() + delta.path("thinking").asText());
            case "signature_delta" -> block.put("signature", delta.path("signature").asText());
            case "citations_delta" -> {
                ArrayNode citations = block.get("citations") instanceof ArrayNode list ? list : block.putArray("citations");
                citations.add(delta.get("citation"));
            }
            case "input_json_delta" -> partialJson.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.path("partial_json").asText());
            default -> { }
        }
    }

    private static JsonNode parse(StringBuilder json) {
        if (json == null || json.length() == 0) {
            return MessageJson.F.objectNode();
        }
        try {
            return Json.MAPPER.readTree(json.toString());
        } catch (Exception e) {
            return null;
        }
    }
}
