package dev.mantlemock.contract.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A raw HTTP answer: status, headers (names lower case) and body, with the readings the contracts need. */
public record WireResponse(int status, Map<String, List<String>> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as JSON; a body that is not JSON fails the contract that asked, with a look at the body. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("HTTP " + status + " body is not JSON: " + preview(), e);
        }
    }

    public List<SseEvent> events() {
        return SseEvent.parse(body);
    }

    public String preview() {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
