package dev.mantlemock.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.answer.Answer;
import dev.mantlemock.answer.InputTokens;
import dev.mantlemock.api.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How an answer is written as a Messages stream: message_start, per block content_block_start /
 * deltas / content_block_stop, message_delta with cumulative usage, message_stop, and pings.
 * It says nothing about timing; {@link StreamWriter} paces what this produces.
 */
public final class SseEncoder {
    private final int pingEvery;

    /** @param pingEvery a ping every this many events; 0 for only the customary one after the first block start */
    public SseEncoder(int pingEvery) {
        this.pingEvery = pingEvery;
    }

    /** Every event of the stream, in order. */
    public List<SseEvent> events(String messageId, String model, Answer answer, InputTokens input) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = MessageJson.F.objectNode().put("type", "message_start");
        start.set("message", MessageJson.message(messageId, model, List.of(), null, null, input, Math.min(1, answer.outputTokens())));
        events.add(new SseEvent(start, false, 0, -1));

        TokenSpread spread = new TokenSpread(answer);
        List<ObjectNode> content = answer.content();
        for (int i = 0; i < content.size(); i++) {
            block(events, i, content.get(i), spread);
        }
        events.addAll(ending(answer.stopReason(), answer.stopSequence(), answer.outputTokens(), input));
        return pingEvery > 0 ? withPings(events) : events;
    }

    /** The close of a stream cut short by the output quota: the open block ends, then the message. */
    public List<SseEvent> cutShort(int openBlock, int producedTokens, InputTokens input) {
        List<SseEvent> events = new ArrayList<>();
        if (openBlock >= 0) {
            events.add(new SseEvent(event("content_block_stop").put("index", openBlock), false, 0, openBlock));
        }
        events.addAll(ending("max_tokens", null, producedTokens, input));
        return events;
    }

    /** {@code event: name\ndata: json\n\n} */
    public static byte[] frame(SseEvent event) {
        return frame(event.name(), event.data());
    }

    public static byte[] frame(String name, JsonNode data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(Json.MAPPER.writeValueAsBytes(data));
            out.write('\n');
            out.write('\n');
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable event " + name, e);
        }
    }

    private static List<SseEvent> ending(String stopReason, String stopSequence, int outputTokens, InputTokens input) {
        ObjectNode delta = event("message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).put("stop_sequence", stopSequence);
        delta.set("usage", MessageJson.usage(input, outputTokens));
        return List.of(new SseEvent(delta, false, 0, -1), new SseEvent(event("message_stop"), false, 0, -1));
    }

    private static void block(List<SseEvent> events, int index, ObjectNode block, TokenSpread spread) {
        String type = block.path("type").asText();
        ObjectNode empty = switch (type) {
            case "text" -> emptyText(block);
            case "thinking" -> MessageJson.F.objectNode().put("type", "thinking").put("thinking", "").put("signature", "");
            case "tool_use" -> MessageJson.F.objectNode().put("type", "tool_use").put("id", block.path("id").asText())
                    .put("name", block.path("name").asText()).set("input", MessageJson.F.objectNode());
            default -> block.deepCopy(); // redacted_thinking and anything unknown arrive whole
        };
        ObjectNode start = event("content_block_start").put("index", index);
        start.set("content_block", empty);
        events.add(new SseEvent(start, false, 0, index));
        if (index == 0) {
            events.add(new SseEvent(event("ping"), false, 0, -1)); // where first-party streams put their ping
        }
        switch (type) {
            case "text" -> {
                for (JsonNode citation : block.path("citations")) {
                    ObjectNode d = delta(index, "citations_delta");
                    ((ObjectNode) d.get("delta")).set("citation", citation);
                    events.add(new SseEvent(d, true, 0, index));
                }
                deltas(events, index, "text_delta", "text", block.path("text").asText(), spread);
            }
            case "thinking" -> {
                deltas(events, index, "thinking_delta", "thinking", block.path("thinking").asText(), spread);
                ObjectNode sig = delta(index, "signature_delta");
                ((ObjectNode) sig.get("delta")).put("signature", block.path("signature").asText());
                events.add(new SseEvent(sig, true, 0, index));
            }
            case "tool_use" -> {
                String json = block.path("input").toString();
                // The Java SDK's accumulator needs at least one input_json_delta per tool block.
                List<String> parts = json.equals("{}") ? List.of("") : Chunker.split(json, Chunker.TARGET_CHARS * 2);
                for (String part : parts) {
                    ObjectNode d = delta(index, "input_json_delta");
                    ((ObjectNode) d.get("delta")).put("partial_json", part);
                    events.add(new SseEvent(d, true, spread.tokensFor(part), index));
                }
            }
            default -> { }
        }
        events.add(new SseEvent(event("content_block_stop").put("index", index), false, 0, index));
    }

    private static ObjectNode emptyText(ObjectNode block) {
        ObjectNode empty = MessageJson.F.objectNode().put("type", "text").put("text", "");
        if (block.has("citations")) {
            empty.putArray("citations");
        }
        return empty;
    }

    private static void deltas(List<SseEvent> events, int index, String deltaType, String field, String text, TokenSpread spread) {
        for (String part : Chunker.split(text, Chunker.TARGET_CHARS)) {
            ObjectNode d = delta(index, deltaType);
            ((ObjectNode) d.get("delta")).put(field, part);
            events.add(new SseEvent(d, true, spread.tokensFor(part), index));
        }
    }

    private static ObjectNode delta(int index, String deltaType) {
        ObjectNode d = event("content_block_delta").put("index", index);
        d.putObject("delta").put("type", deltaType);
        return d;
    }

    private static ObjectNode event(String type) {
        return MessageJson.F.objectNode().put("type", type);
    }

    private List<SseEvent> withPings(List<SseEvent> events) {
        List<SseEvent> out = new ArrayList<>(events.size() + events.size() / pingEvery + 1);
        for (int i = 0; i < events.size(); i++) {
            out.add(events.get(i));
            if (i > 0 && i % pingEvery == 0 && i < events.size() - 2) {
                out.add(new SseEvent(event("ping"), false, 0, -1));
            }
        }
        return out;
    }
}
