package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;

/**
 * A call's input is an object that validates against its tool's {@code input_schema} ({@link SchemaCheck}).
 * Broken, never adapted: which value the author meant is theirs to say. Anthropic-defined tools (no
 * {@code input_schema}) take any object.
 */
final class ToolInputRule implements AnswerRule {
    @Override
    public Answer hold(Answer answer, Answering on) {
        for (ObjectNode block : answer.content()) {
            if (!Answering.type(block).equals("tool_use")) {
                continue;
            }
            String name = block.path("name").asText();
            JsonNode input = block.path("input");
            if (!input.isObject()) {
                throw new Broken("the input of its call of '" + name + "' is not a JSON object");
            }
            for (JsonNode tool : on.request().tools()) {
                if (tool.path("name").asText().equals(name) && tool.has("input_schema")) {
                    SchemaCheck.problem(tool.get("input_schema"), input).ifPresent(problem -> {
                        throw new Broken("the input of its call of '" + name + "' does not fit the tool's input_schema: " + problem);
                    });
                }
            }
        }
        return answer;
    }
}
