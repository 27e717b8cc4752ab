package dev.mantlemock.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How an answer is written as a Messages stream: message_start, per block content_block_start /
 * deltas / content_block_stop, message_delta with cumulative usage, message_stop, and pings
 * (the walk is {@link EventCursor}), and how each event is framed. It says nothing about timing;
 * {@link StreamWriter} paces what this produces.
 */
public final class SseEncoder {
    private final int pingEvery;
    private final MessageJson shape;

    /**
     * @param pingEvery a ping every this many events; 0 for only the customary one after the first block start
     * @param shape     how messages, usage and blocks are written
     */
    public SseEncoder(int pingEvery, MessageJson shape) {
        this.pingEvery = pingEvery;
        this.shape = shape;
    }

    /** An encoder writing the first-party shape. */
    public SseEncoder(int pingEvery) {
        this(pingEvery, MessageJson.DEFAULT);
    }

    /** How messages are written, for the JSON form of the same answers. */
    public MessageJson shape() {
        return shape;
    }

    /** The stream's events, made one by one as they are taken: what a paced stream holds while it is open. */
    public Iterator<SseEvent> stream(String messageId, String model, Answer answer, InputTokens input) {
        return new EventCursor(messageId, model, answer, input, pingEvery, shape);
    }

    /** Every event of the stream, in order. */
    public List<SseEvent> events(String messageId, String model, Answer answer, InputTokens input) {
        List<SseEvent> events = new ArrayList<>();
        stream(messageId, model, answer, input).forEachRemaining(events::add);
        return events;
    }

    /** The close of a stream cut short by the output quota: the open block ends, then the message. */
    public List<SseEvent> cutShort(int openBlock, int producedTokens, InputTokens input, Answer answer) {
        List<SseEvent> events = new ArrayList<>();
        if (openBlock >= 0) {
            events.add(new SseEvent(EventCursor.event("content_block_stop").put("index", openBlock), false, 0, openBlock));
        }
        events.addAll(EventCursor.ending(shape, cutAt(answer, producedTokens), input));
        return events;
    }

    /**
     * The answer's ending when only {@code producedTokens} were delivered: max_tokens, and the thinking share
     * of what was delivered (thinking comes first, so it is delivered first). Its content is left to the caller.
     */
    static Answer cutAt(Answer answer, int producedTokens) {
        return new Answer(answer.content(), "max_tokens", null, producedTokens,
                Math.min(answer.thinkingTokens(), producedTokens), null);
    }

    /** {@code event: name\ndata: json\n\n} */
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
}
