package dev.mantlemock.contract.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.client.SseReader;
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
     * Parses a whole SSE body with the project's one reader ({@code client.SseReader}, WHATWG rules, as the
     * SDKs read). Invalid JSON fails, as it fails every SDK.
     */
    public static List<SseEvent> parse(String body) {
        return SseReader.parse(body).stream().map(f -> new SseEvent(f.name(), readJson(f.data()))).toList();
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
