package dev.mantlemock.contract.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A correct answer from the mock, open to a mutant before it reaches the client: the request's path
 * and body to decide on, the response's status, headers (names lower case) and body to break.
 */
public final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();

    final String path;
    final String requestBody;
    int status;
    final Map<String, String> headers;
    String body;

    Exchange(String path, String requestBody, int status, Map<String, String> headers, String body) {
        this.path = path;
        this.requestBody = requestBody;
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
        this.body = body;
    }

    boolean isStream() {
        return headers.getOrDefault("content-type", "").startsWith("text/event-stream");
    }

    boolean isCountTokens() {
        return path.endsWith("/count_tokens");
    }

    /** A JSON body as an object to edit in place, or null when the body is not a JSON object. */
    ObjectNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode o ? o : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Applies an edit to a non-streamed message body. */
    void editMessage(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode message = isStream() ? null : json();
        if (status == 200 && message != null && "message".equals(message.path("type").asText())) {
            edit.accept(message);
            body = message.toString();
        }
    }

    /** Applies an edit to the list of events of a streamed answer. */
    void editEvents(java.util.function.Consumer<List<Event>> edit) {
        if (status != 200 || !isStream()) {
            return;
        }
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
            if (data != null) {
                try {
                    events.add(new Event(name, (ObjectNode) JSON.readTree(data)));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the mock sent an event that is not JSON: " + data, e);
                }
            }
        }
        edit.accept(events);
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append("event: ").append(e.name()).append("\ndata: ").append(e.data()).append("\n\n"));
        body = out.toString();
    }

    /** One SSE event; {@code data} may be edited in place. */
    record Event(String name, ObjectNode data) {
        String type() {
            return data.path("type").asText();
        }

        String deltaType() {
            return data.path("delta").path("type").asText();
        }
    }
}
