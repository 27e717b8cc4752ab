package dev.mantlemock.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.client.SseFrame;
import dev.mantlemock.domain.Json;
import dev.mantlemock.wire.SseEvent;
import dev.mantlemock.wire.StreamAccumulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One answer as it went over the wire, the upstream's or the mock's: status, headers, and either the JSON
 * body or the stream's events with when each arrived. What the recorder turns into a fixture and what
 * drift compares. Written by one thread, read once it is {@link #finish finished}.
 */
public final class Capture {
    /** How the answer ended. */
    public enum Outcome { COMPLETE, UPSTREAM_DROPPED, CLIENT_LEFT, CUT, NOT_SENT }

    /**
     * A stream event and its arrival, in nanoseconds after the request was sent. The data is kept as
     * UTF-8, half the memory of a string for the JSON an upstream sends.
     */
    public static final class TimedFrame {
        private final String name;
        private final byte[] utf8;
        private final long atNanos;

        TimedFrame(String name, String data, long atNanos) {
            this.name = name;
            this.utf8 = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            this.atNanos = atNanos;
        }

        public String name() { return name; }
        public String data() { return new String(utf8, java.nio.charset.StandardCharsets.UTF_8); }
        public long atNanos() { return atNanos; }
        long size() { return utf8.length + name.length() + 64L; } // 64: the objects around them
    }

    private final long startNanos = System.nanoTime();
    private int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private final List<TimedFrame> frames = Collections.synchronizedList(new ArrayList<>());
    private volatile Outcome outcome;
    /** What may be kept of the answer; past it the frames are dropped and {@link #abandoned} says why. */
    private long keepAtMost = Long.MAX_VALUE;
    private long kept;
    private volatile String abandoned;
    /** Why the relay was cut (a limit, the time, the client), for the log; null if it was not. */
    private volatile String cutBecause;

    /** Bounds what this capture keeps: a relay goes on past it, the recording does not. */
    void keepAtMost(long bytes) {
        keepAtMost = bytes;
    }

    /** Why nothing of the answer is kept (it outgrew its bound), or null. */
    public String abandoned() {
        return abandoned;
    }

    /** Why the relay was cut short, or null. */
    public String cutBecause() {
        return cutBecause;
    }

    /** Cut short, unless it had already ended (a client that leaves once it has the whole answer cuts nothing). */
    synchronized void cut(String why) {
        if (outcome == null) {
            cutBecause = why;
            outcome = Outcome.CUT;
        }
    }

    void begin(int statusCode, Map<String, String> responseHeaders) {
        status = statusCode;
        responseHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    }

    void body(byte[] bytes) {
        body = bytes;
    }

    void frame(String name, String data) {
        if (abandoned != null) {
            return;
        }
        TimedFrame f = new TimedFrame(name, data, System.nanoTime() - startNanos);
        kept += f.size();
        if (kept > keepAtMost) {
            abandoned = "the answer outgrew upstream.max-kept-bytes (" + keepAtMost + " bytes)";
            frames.clear();
            return;
        }
        frames.add(f);
    }

    /** Why the request was never sent (no credentials, the upstream unreachable), or null. */
    private volatile String notSent;

    /** The request was not sent, or got no answer: the mock's error went to the client instead. */
    void notSent(String why) {
        notSent = why;
        finish(Outcome.NOT_SENT);
    }

    /** Why the answer is not whole, as the recorder's "not recorded" line says it; null when it is whole. */
    public String whyNotWhole() {
        if (whole()) {
            return null;
        }
        if (outcome == null) {
            return "no answer was captured";
        }
        if (abandoned != null) {
            return "the answer was relayed but not kept: " + abandoned;
        }
        return switch (outcome) {
            case NOT_SENT -> "the upstream never answered: " + notSent;
            case UPSTREAM_DROPPED -> "the upstream dropped the connection before the answer ended";
            case CLIENT_LEFT -> "the client left before the answer ended";
            case CUT -> "the relay was cut short: " + cutBecause;
            case COMPLETE -> "the stream ended without message_stop";
        };
    }

    synchronized void finish(Outcome how) {
        if (outcome == null) {
            outcome = how;
        }
    }

    public int status() { return status; }
    public Map<String, String> headers() { return headers; }
    public byte[] body() { return body; }
    public List<TimedFrame> frames() { return List.copyOf(frames); }
    public Outcome outcome() { return outcome; }
    public boolean streamed() { return headers.getOrDefault("content-type", "").startsWith("text/event-stream"); }

    /** Whether the answer arrived whole: a stream through its {@code message_stop}, a body complete. */
    public boolean whole() {
        if (outcome != Outcome.COMPLETE || abandoned != null) {
            return false;
        }
        return !streamed() || (!frames.isEmpty() && frames.get(frames.size() - 1).name().equals("message_stop"));
    }

    /** The JSON body, or null when there is none or it is not JSON. */
    public JsonNode json() {
        try {
            return body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The error type of an error answer (the envelope's, or a stream's {@code error} event), else null. */
    public String errorType() {
        if (status >= 400) {
            JsonNode j = json();
            return j == null ? "unparseable" : j.path("error").path("type").asText(null);
        }
        for (TimedFrame f : frames()) {
            if (f.name().equals("error")) {
                return parse(f.data()).path("error").path("type").asText(null);
            }
        }
        return null;
    }

    /**
     * The message the client ends up with: the JSON body, or a stream's events accumulated as the SDKs do
     * ({@code message_start}, the blocks, {@code message_delta}'s stop reason and usage). Null for errors.
     */
    public ObjectNode message() {
        if (status >= 400) {
            return null;
        }
        if (!streamed()) {
            return json() instanceof ObjectNode o ? o : null;
        }
        ObjectNode message = null;
        StreamAccumulator blocks = new StreamAccumulator();
        for (TimedFrame f : frames()) {
            ObjectNode data = parse(f.data());
            switch (f.name()) {
                case "message_start" -> message = data.path("message") instanceof ObjectNode m ? m.deepCopy() : Json.object();
                case "content_block_start", "content_block_delta", "content_block_stop" -> blocks.accept(new SseEvent(data, false, 0, -1));
                case "message_delta" -> {
                    if (message != null) {
                        for (var e = data.path("delta").fields(); e.hasNext(); ) {
                            var field = e.next();
                            message.set(field.getKey(), field.getValue());
                        }
                        if (data.get("usage") instanceof ObjectNode usage) {
                            ObjectNode merged = message.get("usage") instanceof ObjectNode u ? u : message.putObject("usage");
                            merged.setAll(usage);
                        }
                    }
                }
                default -> { }
            }
        }
        if (message != null) {
            message.putArray("content").addAll(List.copyOf(blocks.content()));
        }
        return message;
    }

    /** Whether every stream event's data is a JSON object (what a replay could write again). */
    public boolean framesAreJson() {
        for (TimedFrame f : frames()) {
            try {
                if (!(Json.MAPPER.readTree(f.data()) instanceof ObjectNode)) {
                    return false;
                }
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The stream's event names in order; empty for a JSON answer. */
    public List<String> eventNames() {
        return frames().stream().map(TimedFrame::name).toList();
    }

    private static ObjectNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data) instanceof ObjectNode o ? o : Json.object();
        } catch (java.io.IOException e) {
            return Json.object().put("type", "unparseable");
        }
    }

    /** For the mock's own answer: the frames of a whole SSE body written by the mock. */
    void framesOf(String sseBody) {
        for (SseFrame f : dev.mantlemock.client.SseReader.parse(sseBody)) {
            frame(f.name(), f.data());
        }
    }
}
