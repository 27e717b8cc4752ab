package dev.mantlemock.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.BadRequestException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.core.JsonValue;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first-party API's content rules, met through the official Java SDK, each in the first-party words. */
class RequestChecksTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(50);
    }

    private static void refused(MessageCreateParams params, String message) {
        assertThatThrownBy(() -> mock.client().messages().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains(message));
    }

    private static ContentBlockParam text(String text) {
        return ContentBlockParam.ofText(TextBlockParam.builder().text(text).build());
    }

    @Test
    void anEmptyTextBlockIsRefusedInFirstPartyWords() {
        refused(ask().addUserMessageOfContentBlockParams(List.of(text("Hi"), text(""))).build(),
                "messages: text content blocks must be non-empty");
    }

    @Test
    void aWhitespaceOnlyTextBlockIsRefusedInFirstPartyWords() {
        refused(ask().addUserMessageOfContentBlockParams(List.of(text(" \n "))).build(),
                "messages: text content blocks must contain non-whitespace text");
    }

    @Test
    void anEmptySystemTextBlockIsRefusedToo() {
        refused(ask().systemOfTextBlockParams(List.of(TextBlockParam.builder().text("").build())).addUserMessage("Hi").build(),
                "system: text content blocks must be non-empty");
    }

    @Test
    void anEmptyStringOrEmptyListAsContentIsRefusedInFirstPartyWords() {
        String expected = "messages.0: all messages must have non-empty content except for the optional final assistant message";
        refused(ask().addUserMessage("").build(), expected);
        refused(ask().addUserMessageOfContentBlockParams(List.of()).build(), expected);
        refused(ask().addUserMessage("Hi").addAssistantMessage("").addUserMessage("Go on").build(),
                expected.replace("messages.0", "messages.1"));
    }

    @Test
    void anEmptyFinalAssistantMessageIsAccepted() {
        Message reply = mock.client().messages().create(ask().addUserMessage("Hi").addAssistantMessage("").build());

        assertThat(reply.content()).isNotEmpty();
    }

    @Test
    void toolResultsMustComeFirstInTheirUserTurn() {
        MessageParam call = MessageParam.ofAssistantOfContentBlockParams(List.of(
                ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id("toolu_1").name("weather")
                        .input(JsonValue.from(Map.of())).build())));
        ContentBlockParam result = ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId("toolu_1").content("sunny").build());

        refused(ask().addUserMessage("Weather?").addMessage(call)
                        .addUserMessageOfContentBlockParams(List.of(text("Here it is:"), result)).build(),
                "messages.2: Did not find 1 `tool_result` block(s) at the beginning of this message. "
                        + "Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks.");
        Message ok = mock.client().messages().create(ask().addUserMessage("Weather?").addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(result, text("Thanks"))).build());
        assertThat(ok.content()).isNotEmpty();
    }
}
