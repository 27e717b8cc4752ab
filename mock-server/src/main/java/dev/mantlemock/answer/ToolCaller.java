package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.MessageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides whether the answer calls tools, which, and with what input. {@code auto} calls a tool until
 * a {@code tool_result} comes back, then answers in text, so agent loops end after one round.
 */
final class ToolCaller {
    private final SchemaSampler sampler;

    ToolCaller(SchemaSampler sampler) {
        this.sampler = sampler;
    }

    /** The tool_use blocks to emit; empty when the answer is text. */
    List<ObjectNode> calls(MessageRequest request, SplittableRandom rnd, long maxChars) {
        JsonNode tools = request.tools();
        if (tools.size() == 0) {
            return List.of();
        }
        switch (request.toolChoiceType()) {
            case "none":
                return List.of();
            case "tool":
                for (JsonNode tool : tools) {
                    if (tool.path("name").asText().equals(request.toolChoiceName())) {
                        ObjectNode fitting = fittingCall(tool, rnd, maxChars);
                        return List.of(fitting != null ? fitting : call(tool, rnd, maxChars));
                    }
                }
                return List.of();
            case "auto":
                if (request.lastTurnHasToolResult()) {
                    return List.of();
                }
                return pick(request, tools, rnd, maxChars, true);
            default: // "any"
                return pick(request, tools, rnd, maxChars, false);
        }
    }

    /**
     * A call whose input fits the tool's schema, drawn up to three times, or null. A schema can defeat the
     * sampler (an integer minimum near 1e308, a required property whose schema is false): the generator then
     * answers in text where the request allows it, and only a forced call is sent as drawn (the conformance
     * stage names the rule it breaks).
     */
    private ObjectNode fittingCall(JsonNode tool, SplittableRandom rnd, long maxChars) {
        for (int attempt = 0; attempt < 3; attempt++) {
            ObjectNode call = call(tool, rnd, maxChars);
            if (!tool.has("input_schema") || SchemaCheck.problem(tool.get("input_schema"), call.get("input")).isEmpty()) {
                return call;
            }
        }
        return null;
    }

    /** One tool, sometimes two different ones in parallel unless the client forbids it. */
    private List<ObjectNode> pick(MessageRequest request, JsonNode tools, SplittableRandom rnd, long maxChars, boolean mayDecline) {
        List<ObjectNode> calls = new ArrayList<>(2);
        int start = rnd.nextInt(tools.size());
        int first = -1;
        for (int i = 0; i < tools.size() && first < 0; i++) { // the drawn tool, else the next whose input can be made to fit
            ObjectNode call = fittingCall(tools.get((start + i) % tools.size()), rnd, maxChars);
            if (call != null) {
                calls.add(call);
                first = (start + i) % tools.size();
            }
        }
        if (first < 0) {
            return mayDecline ? List.of() : List.of(call(tools.get(start), rnd, maxChars));
        }
        if (!request.disableParallelToolUse() && tools.size() >= 2 && rnd.nextInt(3) == 0) {
            int second = (first + 1 + rnd.nextInt(tools.size() - 1)) % tools.size();
            ObjectNode also = fittingCall(tools.get(second), rnd, maxChars);
            if (also != null) {
                calls.add(also);
            }
        }
        return calls;
    }

    private ObjectNode call(JsonNode tool, SplittableRandom rnd, long maxChars) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", Ids.toolUseId(rnd)).put("name", tool.path("name").asText());
        block.set("input", input(tool, rnd, maxChars));
        return block;
    }

    /** Custom tools get input drawn from their schema; Anthropic-defined client tools get their documented shape. */
    private JsonNode input(JsonNode tool, SplittableRandom rnd, long maxChars) {
        if (tool.has("input_schema")) {
            JsonNode input = sampler.sample(tool.get("input_schema"), rnd, maxChars);
            return input.isObject() ? input : Json.object(); // tool input is always an object
        }
        String type = tool.path("type").asText("");
        if (type.startsWith("bash_")) {
            String[] commands = {"ls -la", "pwd", "cat README.md", "git status"};
            return Json.object().put("command", commands[rnd.nextInt(commands.length)]);
        }
        if (type.startsWith("text_editor_")) {
            return Json.object().put("command", "view").put("path", "/repo/README.md");
        }
        if (type.startsWith("computer_")) {
            return Json.object().put("action", "screenshot");
        }
        if (type.startsWith("memory_")) {
            return Json.object().put("command", "view").put("path", "/memories");
        }
        return Json.object();
    }
}
