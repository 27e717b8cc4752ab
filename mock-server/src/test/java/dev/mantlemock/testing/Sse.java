package dev.mantlemock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.client.SseFrame;
import dev.mantlemock.client.SseReader;
import java.util.List;

/**
 * A raw SSE body as (event name, JSON data) pairs, read with the project's one SSE reader
 * ({@code client.SseReader}). Strict: a frame without an {@code event:} name (the mock names every one)
 * or with data that is not JSON fails the test.
 */
public final class Sse {
    public record Event(String name, JsonNode data) {}

    private Sse() {}

    public static List<Event> parse(String body) {
        return SseReader.parse(body).stream().map(Sse::event).toList();
    }

    private static Event event(SseFrame frame) {
        if (frame.name().equals("message")) { // the reader's name for a frame that had no event: line
            throw new AssertionError("malformed SSE frame, no event name: " + frame.data());
        }
        try {
            return new Event(frame.name(), frame.json());
        } catch (RuntimeException e) {
            throw new AssertionError("event data is not JSON: " + frame.data(), e);
        }
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
