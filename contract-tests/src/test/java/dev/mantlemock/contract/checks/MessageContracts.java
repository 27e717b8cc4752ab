package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.client.WireResponse;
import java.util.List;
import java.util.Set;

/** What a message looks like on the wire, whatever the model says in it. */
public final class MessageContracts {
    static final Set<String> STOP_REASONS = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn",
            "refusal", "model_context_window_exceeded");

    private MessageContracts() {}

    public static final Contract SHAPE = new Contract("message.shape", "message",
            "A message has a msg_ id, the assistant role, the model, typed content blocks, a known stop reason and token usage",
            Needs.NOTHING, s -> {
                WireResponse response = s.wire().post("/v1/messages", Requests.rawBody(s, "Say hello in one short sentence.", 64).toString());
                assertThat(response.status()).as("HTTP status (body %s)", response.preview()).isEqualTo(200);
                assertThat(response.header("content-type")).get().asString().startsWith("application/json");
                assertMessage(response.json());
            });

    /** The structure every non-streamed message (and every message_start) must have. */
    static void assertMessage(JsonNode m) {
        assertThat(m.path("type").asText()).as("type").isEqualTo("message");
        assertThat(m.path("id").asText()).as("id").startsWith("msg_");
        assertThat(m.path("role").asText()).as("role").isEqualTo("assistant");
        assertThat(m.path("model").isTextual()).as("model is a string").isTrue();
        assertThat(m.path("content").isArray()).as("content is an array").isTrue();
        assertThat(m.path("content").size()).as("content blocks").isPositive();
        for (JsonNode block : m.path("content")) {
            assertThat(block.path("type").isTextual()).as("every block has a type: %s", block).isTrue();
            if (block.path("type").asText().equals("text")) {
                assertThat(block.path("text").isTextual()).as("a text block has text: %s", block).isTrue();
            }
        }
        assertThat(STOP_REASONS).as("stop_reason").contains(m.path("stop_reason").asText());
        assertThat(m.has("stop_sequence")).as("stop_sequence is present (null or the matched string)").isTrue();
        assertUsage(m.path("usage"));
    }

    static void assertUsage(JsonNode usage) {
        assertThat(usage.isObject()).as("usage is an object").isTrue();
        assertThat(usage.path("input_tokens").isIntegralNumber()).as("usage.input_tokens is an integer: %s", usage).isTrue();
        assertThat(usage.path("input_tokens").asLong()).as("usage.input_tokens").isPositive();
        assertThat(usage.path("output_tokens").isIntegralNumber()).as("usage.output_tokens is an integer: %s", usage).isTrue();
        assertThat(usage.path("output_tokens").asLong()).as("usage.output_tokens").isPositive();
        for (String optional : List.of("cache_creation_input_tokens", "cache_read_input_tokens")) {
            if (usage.hasNonNull(optional)) {
                assertThat(usage.path(optional).asLong(-1)).as("usage.%s", optional).isGreaterThanOrEqualTo(0);
            }
        }
    }

    public static List<Contract> all() {
        return List.of(SHAPE);
    }
}
