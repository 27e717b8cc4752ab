package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.client.SseEvent;
import java.util.List;
import java.util.Map;

/** Extended thinking: the thinking block leads and carries the signature the next turn must hand back. */
public final class ThinkingContracts {
    static final String QUESTION = "What is 17 times 23? Answer with the number.";

    private ThinkingContracts() {}

    public static final Contract FIRST_AND_SIGNED = new Contract("thinking.first-and-signed", "thinking",
            "With thinking enabled the answer starts with a thinking block carrying a signature and ends with text",
            Needs.NOTHING, s -> {
                Message message = s.create(Requests.ask(s, QUESTION, 2048).enabledThinking(1024).build());
                assertThat(message.content()).as("content").isNotEmpty();
                ContentBlock first = message.content().get(0);
                assertThat(first.isThinking()).as("first block is thinking: %s", first).isTrue();
                assertThat(first.asThinking().signature()).as("thinking signature").isNotBlank();
                assertThat(message.content()).as("content").last().matches(ContentBlock::isText, "is a text block");
            });

    public static final Contract STREAMED_SIGNATURE = new Contract("thinking.signature-closes-the-streamed-block", "thinking",
            "A streamed thinking block sends thinking_delta fragments and exactly one signature_delta, just before its content_block_stop",
            Needs.NOTHING, s -> {
                ObjectNode body = Requests.rawStream(s, QUESTION, 2048);
                body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
                List<SseEvent> events = StreamingContracts.streamRaw(s, body);
                StreamingContracts.assertLifecycle(events);
                SseEvent start = events.stream().filter(e -> e.type().equals("content_block_start")).findFirst().orElseThrow();
                assertThat(start.data().path("content_block").path("type").asText()).as("first streamed block").isEqualTo("thinking");
                List<SseEvent> deltas = events.stream().filter(e -> e.type().equals("content_block_delta") && e.index() == start.index()).toList();
                assertThat(deltas).as("deltas of the thinking block").isNotEmpty();
                long signatures = deltas.stream().filter(e -> e.data().path("delta").path("type").asText().equals("signature_delta")).count();
                assertThat(signatures).as("signature_delta events in the thinking block").isEqualTo(1);
                SseEvent last = deltas.get(deltas.size() - 1);
                assertThat(last.data().path("delta").path("type").asText()).as("last delta of the thinking block").isEqualTo("signature_delta");
                assertThat(last.data().path("delta").path("signature").asText()).as("signature").isNotBlank();
                assertThat(deltas.subList(0, deltas.size() - 1)).allSatisfy(e ->
                        assertThat(e.data().path("delta").path("type").asText()).as("other deltas").isEqualTo("thinking_delta"));
            });

    /**
     * Spring AI 1.1.2 hands the tool call back without the thinking block that came before it. The conversation is
     * written by hand (no model call first), so the request is refused before the model runs and costs no tokens.
     */
    public static final Contract DROPPED_BLOCK = new Contract("thinking.dropped-block-refused", "thinking",
            "With thinking enabled, handing back a tool_use turn without its thinking block is a 400 invalid_request_error "
                    + "saying the final assistant turn must start with a thinking block",
            Needs.NOTHING, s -> {
                String id = "toolu_01DroppedThinking00000000";
                MessageCreateParams params = Requests.ask(s, Requests.WEATHER_QUESTION, 2048).enabledThinking(1024)
                        .addTool(Requests.weatherTool())
                        .addMessage(MessageParam.ofAssistantOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(
                                ToolUseBlockParam.builder().id(id).name("get_weather")
                                        .input(JsonValue.from(Map.of("city", "Paris"))).build()))))
                        .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(id).content("18 degrees Celsius and sunny").build()))))
                        .build();
                AnthropicServiceException e = s.refusal(c -> c.messages().create(params));
                assertThat(e).as("exception class").isInstanceOf(BadRequestException.class);
                Envelope.expect(e, 400, "invalid_request_error");
                assertThat(Envelope.body(e).path("error").path("message").asText()).as("error.message")
                        .contains("Expected `thinking` or `redacted_thinking`, but found `tool_use`");
            });

    public static List<Contract> all() {
        return List.of(FIRST_AND_SIGNED, STREAMED_SIGNATURE, DROPPED_BLOCK);
    }
}
