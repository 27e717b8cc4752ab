package dev.mantlemock.contract.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** One server-sent event as it came over the wire: its {@code event:} name and its parsed {@code data:}. */
public record SseEvent(String name, JsonNode data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String type() {
        return data.path("type").asText();
    }

    public int index() {
        return data.path("index").asInt(-1);
    }

    /**
     * Parses a whole SSE body the WHATWG way the SDKs do: {@code data:} lines joined with a newline,
     * comments and {@code id:}/{@code retry:} ignored, a blank line ends an event. Invalid JSON fails,
     * as it fails every SDK.
     */
    public static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(name == null ? "message" : name, readJson(data.toString())));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(new SseEvent(name == null ? "message" : name, readJson(data.toString())));
        }
        return events;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("an SSE data line is not JSON: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
