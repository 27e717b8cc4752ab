package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, as JSON or as its framed bytes: each is made from the other only when
 * asked for. Deltas are born framed (the hot path of every stream); the JSON serves accumulators.
 */
public final class SseEvent {
    private final String name;
    private final boolean delta;
    private final int tokens;
    private final int blockIndex;
    private ObjectNode data;
    private byte[] frame;

    /**
     * @param data       the event's JSON; its {@code type} equals the event name
     * @param delta      whether it carries generated content (paced, metered)
     * @param tokens     output tokens this event produces, for pacing and quotas
     * @param blockIndex the content block it belongs to, or -1
     */
    public SseEvent(ObjectNode data, boolean delta, int tokens, int blockIndex) {
        this(data.get("type").asText(), data, null, delta, tokens, blockIndex);
    }

    private SseEvent(String name, ObjectNode data, byte[] frame, boolean delta, int tokens, int blockIndex) {
        this.name = name;
        this.data = data;
        this.frame = frame;
        this.delta = delta;
        this.tokens = tokens;
        this.blockIndex = blockIndex;
    }

    /** An event whose bytes are already framed as {@code event: name\ndata: json\n\n}. */
    static SseEvent framed(String name, byte[] frame, boolean delta, int tokens, int blockIndex) {
        return new SseEvent(name, null, frame, delta, tokens, blockIndex);
    }

    public String name() {
        return name;
    }

    public boolean delta() {
        return delta;
    }

    public int tokens() {
        return tokens;
    }

    public int blockIndex() {
        return blockIndex;
    }

    public ObjectNode data() {
        if (data == null) {
            int start = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8).length;
            try {
                data = (ObjectNode) Json.MAPPER.readTree(frame, start, frame.length - start - 2);
            } catch (IOException e) {
                throw new UncheckedIOException("an event framed by this mock does not parse", e);
            }
        }
        return data;
    }

    /** {@code event: name\ndata: json\n\n} */
    public byte[] frame() {
        if (frame == null) {
            frame = SseEncoder.frame(name, data);
        }
        return frame;
    }
}
