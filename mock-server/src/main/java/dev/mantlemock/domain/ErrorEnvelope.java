package dev.mantlemock.domain;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one writer of error answers: the pipeline, the admin routes and Jetty's error handler all send
 * {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}} through {@link #reply}.
 * The body is built by hand: it is on every error path and has a fixed shape.
 */
public final class ErrorEnvelope {
    public static final String CONTENT_TYPE = "application/json";

    private ErrorEnvelope() {}

    /** An error answer: status, headers ({@code request-id}, {@code x-should-retry}, the error's own) and body. */
    public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {}

    public static Reply reply(ApiException e, String requestId) {
        return reply(e, requestId, false);
    }

    /** @param details whether to add {@code "details":{"error_code":...}} where the first-party error carries one */
    public static Reply reply(ApiException e, String requestId, boolean details) {
        Map<String, String> headers = new HashMap<>(e.headers());
        headers.put("request-id", requestId);
        // A fixture may say otherwise; a setup error of the mock's is never retried (ApiError#retried).
        boolean retry = e.error() == ApiError.SCRIPTED || e.status() != e.error().status() ? shouldRetry(e.status()) : e.error().retried();
        headers.putIfAbsent("x-should-retry", Boolean.toString(retry));
        String code = details && e.error() != null ? e.error().errorCode() : null;
        String detail = code == null ? "" : ",\"details\":{\"error_code\":\"" + code + "\"}";
        byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"" + e.type().wireName() + "\",\"message\":\""
                        + escape(e.getMessage()) + "\"" + detail + "},\"request_id\":\"" + escape(requestId) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new Reply(e.status(), CONTENT_TYPE, Map.copyOf(headers), body);
    }

    /**
     * The retry advice: the SDKs' own status rule (408, 409, 429 and 5xx are retried), sent so that
     * every client, whatever its version, decides the same way.
     */
    public static boolean shouldRetry(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The data of an SSE {@code error} event: the same envelope without the request id. */
    public static ObjectNode streamEvent(ApiError error, Object... args) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("type", "error");
        node.putObject("error").put("type", error.type().wireName()).put("message", error.format(args));
        return node;
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s));
    }
}
