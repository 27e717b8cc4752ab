package dev.mantlemock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaClearThinking20251015Edit;
import com.anthropic.models.beta.messages.BetaClearToolUses20250919EditResponse;
import com.anthropic.models.beta.messages.BetaContentBlockParam;
import com.anthropic.models.beta.messages.BetaMessageParam;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.BetaToolResultBlockParam;
import com.anthropic.models.beta.messages.BetaToolUseBlockParam;
import com.anthropic.models.beta.messages.BetaToolUsesTrigger;
import com.anthropic.models.beta.messages.BetaClearToolUses20250919Edit;
import com.anthropic.models.beta.messages.BetaContextManagementConfig;
import com.anthropic.models.beta.messages.BetaInputTokensTrigger;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaToolUsesKeep;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code context_management} edits through the official Java SDK's beta API, as a user configures them. */
class ContextManagementTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    @RegisterExtension
    static final RunningMock refusing = RunningMock.perClass(c -> c.validation.contextManagement = "refuse");

    private static final BetaClearToolUses20250919Edit CLEAR_TOOL_USES = BetaClearToolUses20250919Edit.builder()
            .trigger(BetaInputTokensTrigger.builder().value(30_000).build())
            .keep(BetaToolUsesKeep.builder().value(2).build()).build();
    private static final BetaClearThinking20251015Edit CLEAR_THINKING = BetaClearThinking20251015Edit.builder()
            .keep(BetaClearThinking20251015Edit.Keep.ofBetaThinkingTurns(1)).build();

    private static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(3000).addUserMessage("Hello")
                .addBeta("context-management-2025-06-27");
    }

    @Test
    void aWellFormedToolClearingEditIsAccepted() {
        BetaMessage reply = mock.client().beta().messages().create(ask()
                .contextManagement(BetaContextManagementConfig.builder().addEdit(CLEAR_TOOL_USES).build()).build());

        assertThat(reply.content()).isNotEmpty();
    }

    @Test
    void clearingThinkingWithoutThinkingIsRefusedInFirstPartyWords() {
        assertThatThrownBy(() -> mock.client().beta().messages().create(ask()
                        .contextManagement(BetaContextManagementConfig.builder().addEdit(CLEAR_THINKING).build()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("`clear_thinking_20251015` strategy requires `thinking` to be enabled or adaptive"));
    }

    @Test
    void clearingThinkingMustBeTheFirstEdit() {
        assertThatThrownBy(() -> mock.client().beta().messages().create(ask().enabledThinking(1024)
                        .contextManagement(BetaContextManagementConfig.builder().addEdit(CLEAR_TOOL_USES).addEdit(CLEAR_THINKING).build())
                        .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("`clear_thinking_20251015` must be listed first in the `edits` array"));
        BetaMessage reply = mock.client().beta().messages().create(ask().enabledThinking(1024)
                .contextManagement(BetaContextManagementConfig.builder().addEdit(CLEAR_THINKING).addEdit(CLEAR_TOOL_USES).build())
                .build());
        assertThat(reply.content()).isNotEmpty();
    }

    /** Five rounds of a search tool, each result a long paragraph, then a question. */
    private static MessageCreateParams.Builder agentLoop() {
        MessageCreateParams.Builder b = MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(200)
                .addBeta("context-management-2025-06-27").addUserMessage("Research the topic.");
        for (int i = 1; i <= 5; i++) {
            b.addMessage(BetaMessageParam.ofAssistantOfContentBlockParams(List.of(BetaContentBlockParam.ofToolUse(
                    BetaToolUseBlockParam.builder().id("toolu_" + i).name("search").input(JsonValue.from(Map.of("q", "page " + i))).build()))));
            b.addMessage(BetaMessageParam.ofUserOfContentBlockParams(List.of(BetaContentBlockParam.ofToolResult(
                    BetaToolResultBlockParam.builder().toolUseId("toolu_" + i).content("Result " + i + ": " + "lorem ipsum ".repeat(200)).build()))));
        }
        return b.addUserMessage("Summarise what you found.");
    }

    private static final BetaContextManagementConfig CLEAR_ALL_BUT_ONE = BetaContextManagementConfig.builder()
            .addEdit(BetaClearToolUses20250919Edit.builder().trigger(BetaToolUsesTrigger.builder().value(2).build())
                    .keep(BetaToolUsesKeep.builder().value(1).build()).build())
            .build();

    @Test
    void oldToolResultsAreClearedAndTheEditIsReported() {
        BetaMessage plain = mock.client().beta().messages().create(agentLoop().build());
        BetaMessage edited = mock.client().beta().messages().create(agentLoop().contextManagement(CLEAR_ALL_BUT_ONE).build());

        BetaClearToolUses20250919EditResponse applied = edited.contextManagement().orElseThrow().appliedEdits().get(0).asClearToolUses20250919();
        assertThat(applied.clearedToolUses()).isEqualTo(4);
        assertThat(applied.clearedInputTokens()).isPositive();
        assertThat(edited.usage().inputTokens()).isEqualTo(plain.usage().inputTokens() - applied.clearedInputTokens());
        assertThat(plain.contextManagement()).isEmpty();
    }

    @Test
    void anEditBelowItsTriggerIsNotApplied() {
        BetaContextManagementConfig highTrigger = BetaContextManagementConfig.builder().addEdit(BetaClearToolUses20250919Edit.builder()
                .trigger(BetaToolUsesTrigger.builder().value(5).build()).build()).build();

        BetaMessage reply = mock.client().beta().messages().create(agentLoop().contextManagement(highTrigger).build());

        assertThat(reply.contextManagement().orElseThrow().appliedEdits()).isEmpty();
    }

    @Test
    void aStreamReportsTheEditsOnItsMessageDelta() {
        try (StreamResponse<BetaRawMessageStreamEvent> stream = mock.client().beta().messages()
                .createStreaming(agentLoop().contextManagement(CLEAR_ALL_BUT_ONE).build())) {
            List<BetaRawMessageStreamEvent> deltas = stream.stream().filter(BetaRawMessageStreamEvent::isMessageDelta).toList();

            assertThat(deltas).hasSize(1);
            assertThat(deltas.get(0).asMessageDelta().contextManagement().orElseThrow().appliedEdits().get(0)
                    .asClearToolUses20250919().clearedToolUses()).isEqualTo(4);
        }
    }

    @Test
    void contextEditingCanBeRefusedAsUnsupported() {
        assertThatThrownBy(() -> refusing.client().beta().messages().create(agentLoop().contextManagement(CLEAR_ALL_BUT_ONE).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("context_management: Context editing is not supported on Claude in Amazon Bedrock."));
    }

    @Test
    void thinkingOfOlderTurnsIsClearedAndReported() {
        MessageCreateParams.Builder conversation = MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(3000)
                .enabledThinking(1024).addBeta("context-management-2025-06-27").addUserMessage("First question");
        for (String next : List.of("Second question", "Third question")) {
            BetaMessage turn = mock.client().beta().messages().create(conversation.build());
            assertThat(turn.content()).anyMatch(b -> b.isThinking());
            conversation.addMessage(turn).addUserMessage(next);
        }

        BetaMessage reply = mock.client().beta().messages().create(conversation
                .contextManagement(BetaContextManagementConfig.builder().addEdit(CLEAR_THINKING).build()).build());

        var applied = reply.contextManagement().orElseThrow().appliedEdits().get(0).asClearThinking20251015();
        assertThat(applied.clearedThinkingTurns()).isEqualTo(1);
        assertThat(applied.clearedInputTokens()).isPositive();
    }
}
