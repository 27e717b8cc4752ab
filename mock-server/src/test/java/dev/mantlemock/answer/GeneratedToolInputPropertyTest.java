package dev.mantlemock.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.testing.PropertyRunner;
import dev.mantlemock.testing.RandomSchemas;
import dev.mantlemock.testing.TestRequests;
import dev.mantlemock.tokens.TokenEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's tool input always validates against the tool's input_schema: over random schemas, a
 * forced call of the tool carries input that both the mock's own check ({@link SchemaCheck}) and the
 * test's independent checker ({@link SchemaConformance}) accept, and the answer passes every rule.
 */
class GeneratedToolInputPropertyTest {
    private static final AnswerGenerator GENERATOR = new AnswerGenerator(7);
    private static final AnswerConformance RULES = new AnswerConformance(new TokenEstimator());

    @Test
    void aForcedCallOfARandomToolCarriesInputItsSchemaAccepts() {
        int tried = PropertyRunner.check("generated tool input validates", 3_000, RandomSchemas::inputSchema,
                RandomSchemas::simpler, GeneratedToolInputPropertyTest::whyInputDoesNotFit);

        assertThat(tried).isEqualTo(3_000);
    }

    @Test
    void theCheckerRefusesInputOutsideTheSchema() {
        JsonNode schema = TestRequests.node("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\"],\"additionalProperties\":false}");

        assertThat(SchemaCheck.problem(schema, TestRequests.node("{\"city\":\"Paris\",\"unit\":\"celsius\"}")))
                .hasValue("$.unit: \"celsius\" is not one of [\"c\",\"f\"]");
        assertThat(SchemaCheck.problem(schema, TestRequests.node("{\"unit\":\"c\"}")))
                .hasValue("$: the required property 'city' is missing");
        assertThat(SchemaCheck.problem(schema, TestRequests.node("{\"city\":\"Paris\",\"day\":1}")))
                .hasValue("$.day: the property is not allowed (additionalProperties: false)");
        assertThat(SchemaCheck.problem(schema, TestRequests.node("{\"city\":3}"))).hasValue("$.city: an integer where the schema wants string");
        assertThat(SchemaCheck.problem(schema, TestRequests.node("{\"city\":\"Paris\",\"unit\":\"f\"}"))).isEmpty();
    }

    private static String whyInputDoesNotFit(JsonNode schema) {
        ObjectNode body = TestRequests.MAPPER.createObjectNode().put("model", TestRequests.SONNET.id()).put("max_tokens", 8192);
        body.putArray("tools").addObject().put("name", "tool").set("input_schema", schema);
        body.putObject("tool_choice").put("type", "tool").put("name", "tool");
        body.putArray("messages").addObject().put("role", "user").put("content", "Call the tool.");
        MessageRequest request = new MessageRequest(body);
        Answer answer = GENERATOR.generate(request, TestRequests.SONNET);
        List<ObjectNode> calls = answer.content().stream().filter(b -> b.path("type").asText().equals("tool_use")).toList();
        if (calls.size() != 1) {
            return "expected one call, the answer was " + answer;
        }
        JsonNode input = calls.get(0).path("input");
        String mine = SchemaCheck.problem(schema, input).orElse(null);
        List<String> oracle = SchemaConformance.violations(schema, input);
        if (mine != null || !oracle.isEmpty()) {
            return "input " + input + ": " + mine + " / " + oracle;
        }
        return RULES.hold(answer, request, TestRequests.SONNET).problem();
    }
}
