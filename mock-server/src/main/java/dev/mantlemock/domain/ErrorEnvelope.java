package dev.mantlemock.domain;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Anthropic error envelope: {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}}.
 * Built by hand: it is on every error path and has a fixed shape.
 */
public final class ErrorEnvelope {
    private ErrorEnvelope() {}

    public static byte[] json(String errorType, String message, String requestId) {
        return ("{\"type\":\"error\",\"error\":{\"type\":\"" + errorType + "\",\"message\":\"" + escape(message)
                        + "\"},\"request_id\":\"" + requestId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The data of an SSE {@code error} event: the same envelope without the request id. */
    public static com.fasterxml.jackson.databind.node.ObjectNode streamEventJson(String errorType, String message) {
        var node = Json.MAPPER.createObjectNode().put("type", "error");
        node.putObject("error").put("type", errorType).put("message", message);
        return node;
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s));
    }
}
