package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import java.util.List;

/**
 * The Message object, its usage and its content blocks, as the JSON body, message_start and
 * message_delta carry them: every field the official SDK types declare, with the first-party value or
 * null (or left out, with {@code responses.nullable-fields: omit}).
 */
public final class MessageJson {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The first-party shape, for encoders made without settings (tests, tools). */
    public static final MessageJson DEFAULT = new MessageJson(new ResponseSettings());

    private final ResponseSettings settings;

    public MessageJson(ResponseSettings settings) {
        this.settings = settings;
    }

    /** The whole message of a finished answer. */
    public ObjectNode message(String id, String model, Answer answer, InputTokens input) {
        return message(id, model, answer.content(), answer.stopReason(), answer.stopSequence(), answer.stopDetails(),
                usage(input, answer.outputTokens(), thinkingDetails(answer)));
    }

    /** The message of message_start: no content, no stop reason yet. */
    ObjectNode started(String id, String model, InputTokens input, int outputTokens) {
        return message(id, model, List.of(), null, null, null, usage(input, outputTokens, null));
    }

    private ObjectNode message(String id, String model, List<ObjectNode> content, String stopReason,
            String stopSequence, ObjectNode stopDetails, ObjectNode usage) {
        ObjectNode m = F.objectNode();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        ArrayNode blocks = m.putArray("content");
        content.forEach(block -> blocks.add(block(block)));
        nullable(m, "container", null);
        nullable(m, "diagnostics", null); // only set when a request asks for cache diagnostics, which the mock does not run
        m.put("stop_reason", stopReason);
        m.put("stop_sequence", stopSequence);
        nullable(m, "stop_details", stopDetails);
        m.set("usage", usage);
        return m;
    }

    /** The {@code delta} of message_delta: how the message ended. */
    ObjectNode stopDelta(Answer answer) {
        ObjectNode delta = F.objectNode().put("stop_reason", answer.stopReason()).put("stop_sequence", answer.stopSequence());
        nullable(delta, "stop_details", answer.stopDetails());
        return delta;
    }

    /** {@code usage} of a message: the token counts, and the service facts first-party sends. */
    ObjectNode usage(InputTokens input, int outputTokens, ObjectNode outputDetails) {
        ObjectNode u = deltaUsage(input, outputTokens, outputDetails);
        u.put("service_tier", "standard");
        if (settings.inferenceGeo != null || settings.present()) {
            u.put("inference_geo", settings.inferenceGeo);
        }
        u.put("speed", "standard");
        return u;
    }

    /** {@code usage} of message_delta: cumulative totals, as both SDKs' accumulators read them. */
    ObjectNode deltaUsage(InputTokens input, int outputTokens, ObjectNode outputDetails) {
        ObjectNode u = F.objectNode();
        u.put("input_tokens", input.uncached());
        u.put("cache_creation_input_tokens", input.cacheCreation());
        u.put("cache_read_input_tokens", input.cacheRead());
        ObjectNode split = u.putObject("cache_creation");
        split.put("ephemeral_5m_input_tokens", input.cacheCreation5m());
        split.put("ephemeral_1h_input_tokens", input.cacheCreation1h());
        u.put("output_tokens", outputTokens);
        nullable(u, "output_tokens_details", outputDetails);
        nullable(u, "server_tool_use", null);
        return u;
    }

    /** {@code {"thinking_tokens": n}} when the model thought, else null (first-party leaves the field out then). */
    static ObjectNode thinkingDetails(Answer answer) {
        return answer.thought() ? F.objectNode().put("thinking_tokens", answer.thinkingTokens()) : null;
    }

    /**
     * A content block as the SDK types declare it: text blocks carry {@code citations} (null without any),
     * tool_use blocks {@code caller: {"type":"direct"}} (the Java SDK's {@code caller()} throws without it).
     */
    ObjectNode block(ObjectNode block) {
        switch (block.path("type").asText()) {
            case "text" -> {
                if (!block.has("citations") && settings.present()) {
                    return block.deepCopy().putNull("citations");
                }
            }
            case "tool_use" -> {
                if (!block.has("caller")) {
                    ObjectNode shaped = block.deepCopy();
                    shaped.putObject("caller").put("type", "direct");
                    return shaped;
                }
            }
            default -> { }
        }
        return block;
    }

    private void nullable(ObjectNode node, String field, ObjectNode value) {
        if (value != null) {
            node.set(field, value);
        } else if (settings.present()) {
            node.putNull(field);
        }
    }
}
