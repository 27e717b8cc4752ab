package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One small request must not exhaust the JVM: a schema that nests three arrays of at least 1,000
 * items asks the generator for 10^9 values. Structured outputs and strict tools are refused as the
 * real API refuses them; a plain tool's answer is bounded by max_tokens and cut there.
 */
class SchemaBombsTest {
    private static final String NESTED = "{\"type\":\"array\",\"minItems\":1000,\"items\":{\"type\":\"array\",\"minItems\":1000,"
            + "\"items\":{\"type\":\"array\",\"minItems\":1000,\"items\":{\"type\":\"string\"}}}}";
    private static final String HEAD = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":%d,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],";

    /** Structured outputs and strict tools turned on for the model, as the research-preview page has them. */
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> {
        dev.mantlemock.policy.ModelEntry on = new dev.mantlemock.policy.ModelEntry();
        on.id = RunningMock.MODEL;
        on.structuredOutputs = true;
        on.strictTools = true;
        c.models.add(on);
    });

    private static String toolRequest(int maxTokens, String strict) {
        return String.format(HEAD, maxTokens) + "\"tools\":[{\"name\":\"t\"," + strict + "\"input_schema\":{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"a\":" + NESTED + "},\"required\":[\"a\"]}}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"t\"}}";
    }

    @Test
    void aStructuredOutputAskingForAThousandItemsIsRefusedInFirstPartyWords() {
        String body = String.format(HEAD, 1024) + "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":"
                + "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":" + NESTED + "},\"required\":[\"a\"]}}}}";
        assertThat(body.length()).isLessThan(450);

        HttpResponse<String> r = mock.postMessages(body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("output_config.format.schema: For 'array' type, 'minItems' values other than 0 or 1 are not supported");
        assertThat(mock.get("/_mock/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aStrictToolAskingForAThousandItemsIsRefusedInFirstPartyWords() {
        HttpResponse<String> r = mock.postMessages(toolRequest(1024, "\"strict\":true,"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("tools.0.custom: For 'array' type, 'minItems' values other than 0 or 1 are not supported");
    }

    @Test
    void aPlainToolAskingForAThousandCubedItemsGetsAnAnswerCutAtMaxTokens() {
        HttpResponse<String> r = mock.postMessages(toolRequest(4096, ""));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = TestRequests.node(r.body());
        assertThat(answer.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(answer.path("usage").path("output_tokens").asInt()).isLessThanOrEqualTo(4096);
        assertThat(mock.get("/_mock/health").statusCode()).isEqualTo(200);
    }

    @Test
    void evenTheLargestMaxTokensGetsABoundedAnswer() {
        HttpResponse<String> r = mock.postMessages(toolRequest(64_000, ""));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().length()).isLessThan(2_000_000);
    }

    @Test
    void openObjectsMaxItemsAndNumberRangesAreRefusedForStructuredOutputs() {
        String open = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
        String max = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":{\"type\":\"array\",\"maxItems\":3,\"items\":{\"type\":\"string\"}}}}";
        String range = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":{\"type\":\"number\",\"minimum\":0}}}";

        assertThat(message(mock.postMessages(structured(open))))
                .isEqualTo("output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false");
        assertThat(message(mock.postMessages(structured(max))))
                .isEqualTo("output_config.format.schema: For 'array' type, property 'maxItems' is not supported");
        assertThat(message(mock.postMessages(structured(range))))
                .isEqualTo("output_config.format.schema: For 'number' type, properties maximum, minimum are not supported");
        assertThat(message(mock.postMessages(String.format(HEAD, 100) + "\"output_format\":{\"type\":\"json_schema\",\"schema\":" + open + "}}")))
                .startsWith("output_format.schema: For 'object' type");
    }

    private static String structured(String schema) {
        return String.format(HEAD, 100) + "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}}}";
    }

    private static String message(HttpResponse<String> r) {
        return TestRequests.node(r.body()).path("error").path("message").asText();
    }
}
