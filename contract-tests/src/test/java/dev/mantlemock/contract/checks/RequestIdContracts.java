package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.client.Wire;
import dev.mantlemock.contract.client.WireResponse;
import java.util.List;

/** The request-id header users quote to support, on every answer (Anthropic Bedrock page). */
public final class RequestIdContracts {
    private RequestIdContracts() {}

    public static final Contract ON_SUCCESS = new Contract("request-id.on-success", "request id",
            "A successful answer, streamed or not, carries a request-id header",
            Needs.NOTHING, s -> {
                WireResponse message = s.wire().post("/v1/messages", Requests.rawBody(s, "Say hello.", 16).toString());
                assertThat(message.status()).as("HTTP status (body %s)", message.preview()).isEqualTo(200);
                assertThat(message.header("request-id")).as("request-id of a message").get().asString().isNotBlank();
                WireResponse stream = s.wire().post("/v1/messages", Requests.rawStream(s, "Say hello.", 16).toString());
                assertThat(stream.status()).as("HTTP status of the stream").isEqualTo(200);
                assertThat(stream.header("request-id")).as("request-id of a stream").get().asString().isNotBlank();
            });

    public static final Contract ON_ERROR = new Contract("request-id.on-error", "request id",
            "An error answer carries a request-id header, equal to the body's request_id, and the SDK exposes it",
            Needs.NOTHING, s -> {
                ObjectNode body = Requests.rawBody(s, "Hello", 16);
                body.remove("max_tokens");
                WireResponse invalid = s.wire().post("/v1/messages", body.toString());
                assertThat(invalid.status()).as("HTTP status").isEqualTo(400);
                String header = invalid.header("request-id").orElseThrow(() -> new AssertionError("no request-id header on a 400"));
                assertThat(header).isNotBlank();
                if (invalid.json().hasNonNull("request_id")) {
                    assertThat(invalid.json().path("request_id").asText()).as("body request_id").isEqualTo(header);
                }
                WireResponse unauthenticated = s.wire().post("/v1/messages", Requests.rawBody(s, "Hello", 16).toString(), Wire.Auth.NONE);
                assertThat(unauthenticated.header("request-id")).as("request-id on a %d", unauthenticated.status()).get().asString().isNotBlank();
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.hello(s).model(ErrorContracts.UNKNOWN_MODEL).build()));
                assertThat(e.requestId()).as("the SDK exception's requestId()").get().asString().isNotBlank();
            });

    public static List<Contract> all() {
        return List.of(ON_SUCCESS, ON_ERROR);
    }
}
