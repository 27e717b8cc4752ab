package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mantlemock.contract.client.WireResponse;

/**
 * The Anthropic error envelope AWS documents for Mantle's /anthropic paths:
 * {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}}, not bedrock-runtime's AWS shape.
 */
final class Envelope {
    private Envelope() {}

    static void expect(WireResponse response, int status, String errorType) {
        assertThat(response.status()).as("HTTP status (body %s)", response.preview()).isEqualTo(status);
        expect(response.json(), errorType);
    }

    static void expect(AnthropicServiceException e, int status, String errorType) {
        assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
        expect(body(e), errorType);
    }

    static void expect(JsonNode body, String errorType) {
        assertThat(body.path("type").asText()).as("envelope type in %s", body).isEqualTo("error");
        assertThat(body.path("error").isObject()).as("an 'error' object in %s", body).isTrue();
        assertThat(body.path("error").path("type").asText()).as("error.type in %s", body).isEqualTo(errorType);
        assertThat(body.path("error").path("message").isTextual()).as("error.message is a string in %s", body).isTrue();
        assertThat(body.path("error").path("message").asText()).as("error.message").isNotBlank();
    }

    static JsonNode body(AnthropicServiceException e) {
        Object value = e.body().convert(Object.class);
        return value == null ? MissingNode.getInstance() : Requests.JSON.valueToTree(value);
    }
}
