package dev.mantlemock.thinking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.RedactedThinkingBlockParam;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.ThinkingConfigAdaptive;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.Sse;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Thinking blocks sent back are checked as the first-party API checks them, seen through the official Java SDK. */
class ThinkingBlocksTest {
    static final String DROPPED_BLOCK = "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found "
            + "`tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block "
            + "(preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking "
            + "blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our "
            + "documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city")).build())
                .build();
    }

    static MessageCreateParams.Builder weatherQuestion() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(4000).enabledThinking(1024)
                .addTool(weatherTool()).addUserMessage("What is the weather in Paris?");
    }

    /** The second turn of the agent loop: the assistant turn as {@code assistant} holds it, then the tool's result. */
    static MessageCreateParams secondTurn(MessageCreateParams.Builder first, MessageParam assistant, String toolUseId) {
        return first.addMessage(assistant)
                .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUseId).content("12 degrees and sunny").build()))))
                .build();
    }

    static Message callTheTool() {
        Message call = mock.client().messages().create(weatherQuestion().build());
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        return call;
    }

    static String toolUseId(Message call) {
        return call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse().id();
    }

    /** The assistant turn with its thinking block replaced by {@code replaced}. */
    static MessageParam withThinking(Message call, ThinkingBlockParam replaced) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        for (ContentBlock block : call.content()) {
            blocks.add(block.isThinking() ? ContentBlockParam.ofThinking(replaced) : block.toParam());
        }
        return MessageParam.ofAssistantOfContentBlockParams(blocks);
    }

    static MessageCreateParams.Builder adaptiveQuestion() {
        return MessageCreateParams.builder().model("anthropic.claude-opus-4-8").maxTokens(4000)
                .thinking(ThinkingConfigAdaptive.builder().build())
                .addTool(weatherTool()).addUserMessage("What is the weather in Paris?");
    }

    /** The assistant turn rebuilt from its tool call alone, as Spring AI 1.1.2 hands it back. */
    static MessageParam toolCallOnly(Message call) {
        ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        return MessageParam.ofAssistantOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                .id(toolUse.id()).name(toolUse.name()).input(toolUse._input()).build())));
    }

    static String errorMessage(BadRequestException e) {
        return TestRequests.MAPPER.valueToTree(e.body().convert(Map.class)).path("error").path("message").asText();
    }

    @Test
    void aThinkingRoundTripWithTheMocksOwnSignatureIsAccepted() {
        Message call = callTheTool();
        assertThat(call.content().get(0).asThinking().signature()).isNotBlank();

        Message answer = mock.client().messages().create(secondTurn(weatherQuestion(), call.toParam(), toolUseId(call)));

        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void aStreamedThinkingBlockIsSignedJustBeforeItStopsAndItsSignatureVerifies() {
        MessageAccumulator acc = MessageAccumulator.create();
        List<String> order = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client().messages().createStreaming(weatherQuestion().build())) {
            stream.stream().forEach(e -> {
                acc.accumulate(e);
                e.contentBlockDelta().ifPresent(d -> order.add(d.delta().isSignature() ? "signature" : "delta"));
                e.contentBlockStop().ifPresent(s -> order.add("stop"));
            });
        }
        assertThat(String.join(",", order)).startsWith("delta").contains("delta,signature,stop");
        Message call = acc.message();

        Message answer = mock.client().messages().create(secondTurn(weatherQuestion(), call.toParam(), toolUseId(call)));

        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void aChangedThinkingTextInTheLatestAssistantTurnCannotBeModified() {
        Message call = callTheTool();
        var thinking = call.content().get(0).asThinking();
        MessageParam tampered = withThinking(call, ThinkingBlockParam.builder()
                .thinking(thinking.thinking() + " And one more thought.").signature(thinking.signature()).build());

        assertThatThrownBy(() -> mock.client().messages().create(secondTurn(weatherQuestion(), tampered, toolUseId(call))))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(errorMessage(e)).isEqualTo(
                        "messages.1.content.0: `thinking` or `redacted_thinking` blocks in the latest assistant message "
                                + "cannot be modified. These blocks must remain as they were in the original response."));
    }

    @Test
    void aChangedThinkingTextInAnEarlierTurnHasAnInvalidSignature() {
        Message call = callTheTool();
        var thinking = call.content().get(0).asThinking();
        MessageParam tampered = withThinking(call, ThinkingBlockParam.builder()
                .thinking(thinking.thinking().toUpperCase()).signature(thinking.signature()).build());
        MessageCreateParams.Builder later = secondTurn(weatherQuestion(), tampered, toolUseId(call)).toBuilder()
                .addAssistantMessage("It is 12 degrees and sunny.").addUserMessage("Thanks!");

        assertThatThrownBy(() -> mock.client().messages().create(later.build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(errorMessage(e))
                        .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block"));
    }

    @Test
    void aForgedSignatureIsInvalidInFirstPartyWords() {
        Message call = callTheTool();
        BlockSigner otherMock = BlockSigner.of(new ThinkingSettings()); // a random key: not this mock's
        String text = call.content().get(0).asThinking().thinking();
        MessageParam forged = withThinking(call, ThinkingBlockParam.builder().thinking(text).signature(otherMock.signThinking(text)).build());

        assertThatThrownBy(() -> mock.client().messages().create(secondTurn(weatherQuestion(), forged, toolUseId(call))))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(errorMessage(e))
                        .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block"));
    }

    @Test
    void aSignatureNotInTheMocksFormatIsInvalidToo() {
        Message call = callTheTool();
        MessageParam foreign = withThinking(call, ThinkingBlockParam.builder()
                .thinking("Let me check the weather.").signature("EqQBCkYIBxgCKkBcaptured-from-real-bedrock").build());

        assertThatThrownBy(() -> mock.client().messages().create(secondTurn(weatherQuestion(), foreign, toolUseId(call))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid `signature` in `thinking` block");
    }

    @Test
    void signaturesAreCheckedEvenWhenTheNextRequestTurnsThinkingOff() {
        Message call = callTheTool();
        MessageParam forged = withThinking(call, ThinkingBlockParam.builder().thinking("x").signature("forged").build());
        MessageCreateParams.Builder noThinking = MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(400)
                .addTool(weatherTool()).addUserMessage("What is the weather in Paris?");

        assertThatThrownBy(() -> mock.client().messages().create(secondTurn(noThinking, forged, toolUseId(call))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid `signature` in `thinking` block");
    }

    @Test
    void aMissingSignatureIsARequiredFieldAtTheBlocksPath() {
        String body = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Hmm.\"},{\"type\":\"text\",\"text\":\"Hello\"}]},"
                + "{\"role\":\"user\",\"content\":\"Again\"}]}";

        HttpResponse<String> response = mock.postMessages(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestRequests.node(response.body()).path("error").path("message").asText())
                .isEqualTo("messages.1.content.0.thinking.signature: Field required");
    }

    /** Spring AI 1.1.2 rebuilds the assistant turn from the tool call alone, dropping the thinking block. */
    @Test
    void anAssistantToolTurnWithoutItsThinkingBlockIsRefusedWhenThinkingIsEnabled() {
        Message call = callTheTool();
        MessageParam springAiShaped = toolCallOnly(call);

        assertThatThrownBy(() -> mock.client().messages().create(secondTurn(weatherQuestion(), springAiShaped, toolUseId(call))))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(errorMessage(e)).isEqualTo(DROPPED_BLOCK));
    }

    @Test
    void theSameDroppedBlockIsAcceptedOnceTheToolCycleHasEnded() {
        Message call = callTheTool();
        MessageCreateParams later = secondTurn(weatherQuestion(), toolCallOnly(call), toolUseId(call)).toBuilder()
                .addAssistantMessage("It is 12 degrees and sunny.").addUserMessage("Thanks!").build();

        assertThat(mock.client().messages().create(later).stopReason()).isPresent(); // accepted: no cycle is open
    }

    @Test
    void adaptiveThinkingMaySkipThinkingSoTheDroppedBlockIsAcceptedByDefault() {
        Message call = callTheTool();
        MessageParam dropped = toolCallOnly(call);
        MessageCreateParams.Builder adaptive = adaptiveQuestion();

        assertThat(mock.client().messages().create(secondTurn(adaptive, dropped, toolUseId(call))).stopReason())
                .contains(StopReason.END_TURN);

        try (RunningMock strict = RunningMock.start(c -> c.thinking.thinkingFirst = "enabled-and-adaptive")) {
            MessageCreateParams.Builder again = adaptiveQuestion();
            assertThatThrownBy(() -> strict.client().messages().create(secondTurn(again, dropped, toolUseId(call))))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("Expected `thinking` or `redacted_thinking`");
        }
    }

    @Test
    void verifyOwnAcceptsSignaturesCapturedFromRealBedrockButStillRefusesForgedOnes() {
        try (RunningMock replaying = RunningMock.start(c -> c.thinking.signatures = "verify-own")) {
            Message call = replaying.client().messages().create(weatherQuestion().build());
            MessageParam captured = withThinking(call, ThinkingBlockParam.builder()
                    .thinking("Let me check the weather.").signature("EqQBCkYIBxgCKkBcaptured-from-real-bedrock").build());
            assertThat(replaying.client().messages().create(secondTurn(weatherQuestion(), captured, toolUseId(call))).stopReason())
                    .contains(StopReason.END_TURN);

            String text = call.content().get(0).asThinking().thinking();
            MessageParam forged = withThinking(call, ThinkingBlockParam.builder().thinking(text)
                    .signature(BlockSigner.of(new ThinkingSettings()).signThinking(text)).build());
            assertThatThrownBy(() -> replaying.client().messages().create(secondTurn(weatherQuestion(), forged, toolUseId(call))))
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void ignoreAcceptsAnySignature() {
        try (RunningMock lax = RunningMock.start(c -> c.thinking.signatures = "ignore")) {
            Message call = lax.client().messages().create(weatherQuestion().build());
            MessageParam forged = withThinking(call, ThinkingBlockParam.builder().thinking("x").signature("forged").build());
            assertThat(lax.client().messages().create(secondTurn(weatherQuestion(), forged, toolUseId(call))).stopReason())
                    .contains(StopReason.END_TURN);
        }
    }

    @Test
    void twoMocksWithTheSameSigningKeyVerifyEachOthersSignatures() {
        try (RunningMock a = RunningMock.start(c -> c.thinking.signingKey = "shared-key");
                RunningMock b = RunningMock.start(c -> c.thinking.signingKey = "shared-key")) {
            Message call = a.client().messages().create(weatherQuestion().build());
            assertThat(b.client().messages().create(secondTurn(weatherQuestion(), call.toParam(), toolUseId(call))).stopReason())
                    .contains(StopReason.END_TURN);
            assertThatThrownBy(() -> mock.client().messages().create(secondTurn(weatherQuestion(), call.toParam(), toolUseId(call))))
                    .as("a mock with its own random key").isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void theStreamedSignatureIsTheOneTheJsonAnswerCarries() {
        String body = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]";
        JsonNode json = TestRequests.node(mock.postMessages(body + "}").body());
        List<Sse.Event> events = Sse.parse(mock.postMessages(body + ",\"stream\":true}").body());

        String streamed = events.stream().filter(e -> e.data().path("delta").path("type").asText().equals("signature_delta"))
                .findFirst().orElseThrow().data().path("delta").path("signature").asText();
        assertThat(streamed).isEqualTo(json.path("content").get(0).path("signature").asText()).isNotEmpty();
    }

    @Test
    void aFixturesThinkingIsSignedAtAnswerTimeAndItsRedactedDataSealedSoBothComeBackValid(@TempDir Path dir) throws Exception {
        String signed = BlockSigner.of(keyed("fixture-key")).signThinking("Weather needs a tool.");
        Files.writeString(dir.resolve("thinking.json"), "["
                + "{\"name\":\"call\",\"match\":{\"tool-result-present\":false},\"response\":{\"content\":["
                + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"Weather needs a tool.\",\"signature\":\"" + signed + "\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"Unsigned in the file.\"},"
                + "{\"type\":\"tool_use\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],"
                + "\"stop_reason\":\"tool_use\"}}]");
        try (RunningMock scripted = RunningMock.start(c -> {
            c.fixtures = dir.toString();
            c.thinking.signingKey = "fixture-key";
        })) {
            Message call = scripted.client().messages().create(weatherQuestion().build());
            assertThat(call.content().get(0).asRedactedThinking().data()).isNotEqualTo("opaque");
            assertThat(call.content().get(1).asThinking().signature()).isEqualTo(signed);
            assertThat(call.content().get(2).asThinking().signature()).isNotBlank();

            assertThat(scripted.client().messages().create(secondTurn(weatherQuestion(), call.toParam(), toolUseId(call)))
                    .stopReason()).isPresent();

            List<ContentBlockParam> blocks = new ArrayList<>();
            call.content().forEach(b -> blocks.add(b.isRedactedThinking()
                    ? ContentBlockParam.ofRedactedThinking(RedactedThinkingBlockParam.builder().data("b3BhcXVl").build())
                    : b.toParam()));
            assertThatThrownBy(() -> scripted.client().messages().create(secondTurn(weatherQuestion(),
                            MessageParam.ofAssistantOfContentBlockParams(blocks), toolUseId(call))))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(errorMessage(e))
                            .isEqualTo("messages.1.content.0: Invalid `data` in `redacted_thinking` block"));
        }
    }

    private static ThinkingSettings keyed(String key) {
        ThinkingSettings settings = new ThinkingSettings();
        settings.signingKey = key;
        return settings;
    }
}
