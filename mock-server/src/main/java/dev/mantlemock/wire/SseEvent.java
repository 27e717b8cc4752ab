package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One server-sent event before it is framed.
 *
 * @param data       the event's JSON; its {@code type} equals the event name
 * @param delta      whether it carries generated content (paced, metered)
 * @param tokens     output tokens this event produces, for pacing and quotas
 * @param blockIndex the content block it belongs to, or -1
 */
public record SseEvent(ObjectNode data, boolean delta, int tokens, int blockIndex) {
    public String name() {
        return data.get("type").asText();
    }
}
