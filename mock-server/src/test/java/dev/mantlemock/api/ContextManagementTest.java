package dev.mantlemock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.beta.messages.BetaClearThinking20251015Edit;
import com.anthropic.models.beta.messages.BetaClearToolUses20250919Edit;
import com.anthropic.models.beta.messages.BetaContextManagementConfig;
import com.anthropic.models.beta.messages.BetaInputTokensTrigger;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaToolUsesKeep;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code context_management} edits through the official Java SDK's beta API, as a user configures them. */
class ContextManagementTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

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
}
