package dev.mantlemock.thinking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaThinkingBlockBinding;
import com.anthropic.models.beta.messages.BetaThinkingConfigAdaptive;
import com.anthropic.models.beta.messages.BetaThinkingDroppedInputTransformation;
import com.anthropic.models.beta.messages.BetaThinkingPrefixMismatchBehavior;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.ThinkingConfigAdaptive;
import com.anthropic.models.messages.Tool;
import com.anthropic.core.JsonValue;
import dev.mantlemock.testing.RunningMock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Preserved thinking: a thinking block is bound to the conversation it was made in. Sent back after anything
 * before it changed (system, tools, an earlier turn) it is refused on the models where preserved thinking is
 * stable on Bedrock, with the documented text; the binding-controls beta may drop it instead and report it.
 * The same conversation sent back unchanged, and the same change on a model without binding, are answered.
 */
class ThinkingBindingTest {
    static final String BOUND = "anthropic.claude-opus-5-5";
    static final String UNBOUND = "anthropic.claude-opus-4-8";
    static final String REFUSAL = "messages.1.content.0: Invalid `signature` in `thinking` block. The block is bound to "
            + "a different conversation. Remove the block, or set `thinking.block_binding.prefix_mismatch_behavior` to "
            + "\"drop_block\".";

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder opening(String model, String system) {
        return MessageCreateParams.builder().model(model).maxTokens(2048).system(system)
                .thinking(ThinkingConfigAdaptive.builder().display(ThinkingConfigAdaptive.Display.SUMMARIZED).build())
                .addUserMessage("What is 17 times 23?");
    }

    /** The first answer, then the second turn built from it as the SDK would, with one thing changed (or none). */
    private static MessageCreateParams secondTurn(String model, UnaryOperator<MessageCreateParams.Builder> change) {
        Message first = mock.client().messages().create(opening(model, "Be brief.").build());
        assertThat(first.content().get(0).isThinking()).as("the answer begins by thinking").isTrue();
        return change.apply(opening(model, "Be brief.")).addMessage(first).addUserMessage("And times 2?").build();
    }

    private static String refusal(MessageCreateParams params) {
        BadRequestException e = catchThrowableOfType(() -> mock.client().messages().create(params), BadRequestException.class);
        assertThat(e).as("a 400").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        return String.valueOf(e.body().convert(Map.class).get("error"));
    }

    @Test
    void theSameConversationSentBackIsAnswered() {
        assertThat(mock.client().messages().create(secondTurn(BOUND, b -> b)).content()).isNotEmpty();
    }

    @Test
    void aChangedSystemPromptMakesTheBlockBoundToADifferentConversation() {
        assertThat(refusal(secondTurn(BOUND, b -> b.system("Be thorough."))))
                .contains("type=invalid_request_error").contains(REFUSAL);
    }

    @Test
    void changedToolsOrAChangedEarlierTurnDoTheSame() {
        assertThat(refusal(secondTurn(BOUND, b -> b.addTool(Tool.builder().name("lookup").inputSchema(
                Tool.InputSchema.builder().properties(JsonValue.from(Map.of())).build()).build())))).contains(REFUSAL);
        MessageCreateParams edited = secondTurn(BOUND, b -> b);
        MessageCreateParams.Builder rewritten = edited.toBuilder().messages(java.util.List.of());
        rewritten.addUserMessage("What is 17 times 24?");
        edited.messages().stream().skip(1).forEach(rewritten::addMessage);
        assertThat(refusal(rewritten.build())).contains(REFUSAL);
    }

    @Test
    void cacheControlMovingToAnEarlierTurnIsNotAChange() {
        MessageCreateParams same = secondTurn(BOUND, b -> b.systemOfTextBlockParams(java.util.List.of(
                com.anthropic.models.messages.TextBlockParam.builder().text("Be brief.")
                        .cacheControl(com.anthropic.models.messages.CacheControlEphemeral.builder().build()).build())));
        assertThat(mock.client().messages().create(same).content()).isNotEmpty();
    }

    @Test
    void aModelWithoutPreservedThinkingTakesTheBlockBackAfterAChange() {
        assertThat(mock.client().messages().create(secondTurn(UNBOUND, b -> b.system("Be thorough."))).content()).isNotEmpty();
    }

    @Test
    void theBindingControlsBetaDropsTheBlockAndReportsIt() {
        MessageCreateParams changed = secondTurn(BOUND, b -> b.system("Be thorough."));
        com.anthropic.models.beta.messages.MessageCreateParams.Builder beta = com.anthropic.models.beta.messages
                .MessageCreateParams.builder().model(BOUND).maxTokens(2048).system("Be thorough.")
                .addBeta("thinking-binding-controls-2026-08-01")
                .thinking(BetaThinkingConfigAdaptive.builder().blockBinding(BetaThinkingBlockBinding.builder()
                        .prefixMismatchBehavior(BetaThinkingPrefixMismatchBehavior.DROP_BLOCK).build()).build());
        beta.additionalBodyProperties(Map.of("messages", JsonValue.from(changed._messages().asKnown().orElseThrow()
                .stream().map(m -> JsonValue.from(m)).toList())));
        BetaMessage answer = mock.client().beta().messages().create(beta.addUserMessage("placeholder").build());

        assertThat(answer.inputTransformations()).hasValueSatisfying(list -> {
            assertThat(list).hasSize(1);
            BetaThinkingDroppedInputTransformation dropped = list.get(0).asThinkingDropped();
            assertThat(dropped.path()).isEqualTo("messages.1.content.0");
            assertThat(dropped.reason().asString()).isEqualTo("prefix_binding_mismatch");
        });
    }

    @Test
    void withTheBetaAndNothingChangedTheReportIsEmpty() {
        BetaMessage answer = mock.client().beta().messages().create(com.anthropic.models.beta.messages.MessageCreateParams
                .builder().model(BOUND).maxTokens(256).addBeta("thinking-binding-controls-2026-08-01")
                .addUserMessage("Hello").build());
        assertThat(answer.inputTransformations()).hasValueSatisfying(list -> assertThat(list).isEmpty());
    }

    @Test
    void aStreamReportsTheTransformationsInMessageStart() {
        java.net.http.HttpResponse<String> r = mock.postMessages("{\"model\":\"" + BOUND + "\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "anthropic-beta", "thinking-binding-controls-2026-08-01");
        assertThat(r.statusCode()).isEqualTo(200);
        String start = r.body().lines().filter(l -> l.startsWith("data:") && l.contains("\"message_start\"")).findFirst().orElseThrow();
        assertThat(start).contains("\"input_transformations\":[]");
    }
}
