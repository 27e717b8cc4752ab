package dev.mantlemock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Parses a raw SSE body into (event name, JSON data) pairs, strictly: a malformed frame fails the test. */
public final class Sse {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Event(String name, JsonNode data) {}

    private Sse() {}

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String[] lines = frame.split("\n");
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                throw new AssertionError("malformed SSE frame: " + frame);
            }
            try {
                events.add(new Event(lines[0].substring(7), MAPPER.readTree(lines[1].substring(6))));
            } catch (Exception e) {
                throw new AssertionError("event data is not JSON: " + lines[1], e);
            }
        }
        return events;
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
