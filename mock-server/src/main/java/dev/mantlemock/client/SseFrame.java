package dev.mantlemock.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One server-sent event as it came over the wire: its {@code event:} name and its {@code data:} text. */
public record SseFrame(String name, String data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The data as JSON; a Messages stream's data is always JSON, so anything else is an error. */
    public JsonNode json() {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            String shown = data.length() > 120 ? data.substring(0, 120) + "…" : data;
            throw new UncheckedIOException("an SSE data line is not JSON: " + shown, e);
        }
    }

    /** The {@code type} field of the data, which the Messages API repeats from the event name. */
    public String type() {
        return json().path("type").asText();
    }
}
