package dev.mantlemock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one writer of error answers, and its one retry rule. */
class ErrorEnvelopeTest {

    @Test
    void theStatusesTheSdksRetryAreMarkedRetryableAndOtherClientErrorsAreNot() {
        for (int status : List.of(408, 409, 429, 500, 503, 504, 529)) {
            assertThat(ErrorEnvelope.shouldRetry(status)).as("%d", status).isTrue();
        }
        for (int status : List.of(400, 401, 402, 403, 404, 413, 431)) {
            assertThat(ErrorEnvelope.shouldRetry(status)).as("%d", status).isFalse();
        }
    }

    @Test
    void anErrorIsAnsweredWithItsRequestIdInTheHeaderAndTheBody() throws Exception {
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(ApiException.of(ApiError.MODEL_NOT_FOUND, "anthropic.nope",
                "Models this mock serves: anthropic.claude-haiku-4-5."), "req_1");
        JsonNode body = Json.MAPPER.readTree(reply.body());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.headers()).containsEntry("request-id", "req_1").containsEntry("x-should-retry", "false");
        assertThat(body.toString()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                + "\"message\":\"The model 'anthropic.nope' does not exist. Models this mock serves: "
                + "anthropic.claude-haiku-4-5.\"},\"request_id\":\"req_1\"}");
    }

    @Test
    void aFixtureMayGiveItsOwnRetryAdviceAndHeaders() {
        ApiException scripted = ApiException.scripted(ErrorType.INVALID_REQUEST, 400, "flaky \"proxy\"",
                Map.of("x-should-retry", "true", "retry-after", "1"));
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(scripted, "req_2");

        assertThat(reply.headers()).containsEntry("x-should-retry", "true").containsEntry("retry-after", "1");
        assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("flaky \\\"proxy\\\"");
    }

    @Test
    void aStreamErrorEventIsTheEnvelopeWithoutARequestId() {
        assertThat(ErrorEnvelope.streamEvent(ApiError.OVERLOADED).toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    @Test
    void aStatusJettyChoseKeepsTheTextAndTakesTheTypeOfThatStatus() {
        ApiException refused = ApiException.of(ApiError.REQUEST_REFUSED, 414, "URI Too Long").withStatus(414);
        ApiException failed = ApiException.of(ApiError.INTERNAL).withStatus(503);

        assertThat(refused.status()).isEqualTo(414);
        assertThat(refused.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(refused).hasMessage("The request could not be read (HTTP 414: URI Too Long).");
        assertThat(failed.type()).isEqualTo(ErrorType.API);
    }
}
