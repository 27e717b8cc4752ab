package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.WebSearchTool20250305;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.client.Wire;
import dev.mantlemock.contract.client.WireResponse;
import java.util.List;
import java.util.Map;

/** Requests Mantle refuses, and how: status, Anthropic envelope, the SDK exception a user catches. */
public final class ErrorContracts {
    static final String UNKNOWN_MODEL = "anthropic.claude-no-such-model";

    private ErrorContracts() {}

    public static final Contract VALIDATION_ENVELOPE = new Contract("errors.validation-envelope", "errors",
            "A malformed body (no max_tokens) is a 400 invalid_request_error in the Anthropic envelope, with the request id in the body",
            Needs.NOTHING, s -> {
                ObjectNode body = Requests.rawBody(s, "Hello", 16);
                body.remove("max_tokens");
                WireResponse response = s.wire().post("/v1/messages", body.toString());
                Envelope.expect(response, 400, "invalid_request_error");
                assertThat(response.json().path("request_id").asText()).as("request_id in the body").isNotBlank();
            });

    public static final Contract BAD_REQUEST_IN_THE_SDK = new Contract("errors.bad-request-through-the-sdk", "errors",
            "A thinking budget not below max_tokens is refused with the SDK's BadRequestException (400 invalid_request_error)",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.ask(s, "Hello", 1100).enabledThinking(2048).build()));
                assertThat(e).as("exception class").isInstanceOf(BadRequestException.class);
                Envelope.expect(e, 400, "invalid_request_error");
            });

    public static final Contract VERSION_REQUIRED = new Contract("errors.version-header-required", "errors",
            "A request without the anthropic-version header is a 400 invalid_request_error",
            Needs.NOTHING, s -> {
                WireResponse response = s.wire().send("POST", "/v1/messages", Requests.rawBody(s, "Hello", 16).toString(),
                        Wire.Auth.DEFAULT, Map.of());
                Envelope.expect(response, 400, "invalid_request_error");
            });

    public static final Contract UNKNOWN_MODEL_NOT_FOUND = new Contract("errors.unknown-model-not-found", "errors",
            "An unknown model id is a 404 not_found_error (the SDK's NotFoundException)",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.hello(s).model(UNKNOWN_MODEL).build()));
                assertThat(e).as("exception class").isInstanceOf(NotFoundException.class);
                Envelope.expect(e, 404, "not_found_error");
            });

    public static final Contract OFF_MANTLE_MODEL_NOT_FOUND = new Contract("errors.off-mantle-model-not-found", "errors",
            "A model AWS does not list for bedrock-mantle (Sonnet 4.6) is a 404 not_found_error \"The model '...' does not exist\"",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.hello(s)
                        .model("anthropic.claude-sonnet-4-6").build()));
                assertThat(e).as("exception class").isInstanceOf(NotFoundException.class);
                Envelope.expect(e, 404, "not_found_error");
                assertThat(Envelope.body(e).path("error").path("message").asText()).as("message")
                        .startsWith("The model 'anthropic.claude-sonnet-4-6' does not exist");
            });

    public static final Contract FAST_MODE_REFUSED = new Contract("errors.fast-mode-refused", "unsupported features",
            "speed fast (first-party fast mode) is refused with 400 invalid_request_error on Mantle", Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.hello(s)
                        .speed(com.anthropic.models.messages.MessageCreateParams.Speed.FAST).build()));
                Envelope.expect(e, 400, "invalid_request_error");
            });

    public static final Contract SERVER_TOOLS_REFUSED = new Contract("errors.server-tools-refused", "unsupported features",
            "A server-side tool (web search) is refused with 400 invalid_request_error: Bedrock does not run Anthropic's server tools",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(c -> c.messages().create(Requests.hello(s)
                        .addTool(WebSearchTool20250305.builder().build()).build()));
                Envelope.expect(e, 400, "invalid_request_error");
            });

    public static final Contract UNSUPPORTED_ENDPOINTS = new Contract("errors.unsupported-endpoints-not-found", "unsupported features",
            "Endpoints Bedrock does not offer (Models, Message Batches) answer 404 not_found_error in the Anthropic envelope",
            Needs.NOTHING, s -> {
                Envelope.expect(s.wire().send("GET", "/v1/models", null, Wire.Auth.DEFAULT,
                        Map.of("anthropic-version", Wire.API_VERSION)), 404, "not_found_error");
                ObjectNode batch = Requests.JSON.createObjectNode();
                batch.putArray("requests").addObject().put("custom_id", "one").set("params", Requests.rawBody(s, "Hello", 16));
                Envelope.expect(s.wire().post("/v1/messages/batches", batch.toString()), 404, "not_found_error");
            });

    public static List<Contract> all() {
        return List.of(VALIDATION_ENVELOPE, BAD_REQUEST_IN_THE_SDK, VERSION_REQUIRED, UNKNOWN_MODEL_NOT_FOUND,
                OFF_MANTLE_MODEL_NOT_FOUND, FAST_MODE_REFUSED, SERVER_TOOLS_REFUSED, UNSUPPORTED_ENDPOINTS);
    }
}
