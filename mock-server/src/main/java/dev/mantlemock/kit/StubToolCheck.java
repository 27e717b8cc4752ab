package dev.mantlemock.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal stand-in, in the kit only, for the mock-wide answer checks of the "answers that obey the
 * request" work: a stub's tool call must name a tool the request offers and give every property its
 * {@code input_schema} requires. It reads the journal after the fact (the client has already had the
 * answer); once the mock refuses such answers itself and marks them with {@link StubViolations#HEADER},
 * this class can go: {@link StubViolations} reads that mark already.
 */
final class StubToolCheck {
    private StubToolCheck() {}

    /** What is wrong with the stub's tool calls for this request, one sentence each. */
    static List<String> problems(String stubId, Stub.Answer stub, RecordedRequest request) {
        List<String> out = new ArrayList<>();
        JsonNode tools = request.body().path("tools");
        for (Reply reply : stub.replies()) {
            for (JsonNode block : reply.content()) {
                if (!"tool_use".equals(block.path("type").asText())) {
                    continue;
                }
                String name = block.path("name").asText();
                JsonNode tool = offered(tools, name);
                if (tool == null) {
                    out.add("stub '" + stubId + "' answered request " + request.requestId() + " with a call of tool '" + name
                            + "', which the request does not offer (offered: " + names(tools) + ")");
                    continue;
                }
                for (JsonNode required : tool.path("input_schema").path("required")) {
                    if (!block.path("input").has(required.asText())) {
                        out.add("stub '" + stubId + "' calls tool '" + name + "' in answer to request " + request.requestId()
                                + " without '" + required.asText() + "', which its input_schema requires");
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode offered(JsonNode tools, String name) {
        for (JsonNode t : tools) {
            if (name.equals(t.path("name").asText())) {
                return t;
            }
        }
        return null;
    }

    private static String names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
