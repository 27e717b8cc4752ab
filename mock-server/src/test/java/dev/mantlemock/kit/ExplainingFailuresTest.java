package dev.mantlemock.kit;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.InternalServerException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures that explain themselves: what each request was, the stub it came closest to, condition by condition. */
class ExplainingFailuresTest {
    private static final String MODEL = RunningMock.MODEL;
    private static final MantleMock mock = MantleMock.start();
    private static final AnthropicClient client = KitClients.sdk(mock, 0);

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @BeforeEach
    void cleanState() {
        mock.reset();
    }

    /** A second turn: the user asked, the model called lookup_order, the user hands back its result. */
    private static MessageCreateParams secondTurn() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(200).system("You are a support bot.")
                .addTool(Tool.builder().name("lookup_order").inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string")))).build()).build())
                .addUserMessage("Where is order A1?")
                .addAssistantMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id("toolu_1").name("lookup_order")
                                .input(JsonValue.from(Map.of("order_id", "A1"))).build())))
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("toolu_1").content("shipped").build())))
                .build();
    }

    @Test
    void aFailedVerifyShowsEachRequestInFullAndTheClosestStubFieldByField() {
        mock.stubFor(messages().withToolResultFor("lookp_order").withSystemContaining("support").willReturn(text("on its way")));
        client.messages().create(secondTurn());

        assertThatThrownBy(() -> mock.verify(messagesRequested().withToolResultFor("lookp_order")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("system: You are a support bot.")
                .hasMessageContaining("tools offered: lookup_order")
                .hasMessageContaining("tool results for: lookup_order")
                .hasMessageContaining("last message: tool_result:\"shipped\"")
                .hasMessageContaining("differs from the pattern at:\n        tool-result-for: wanted lookp_order, was tool_result for [lookup_order]")
                .hasMessageContaining("closest stub 'stub-1'")
                .hasMessageContaining("answered by: no stub");
    }

    @Test
    void strictModeFailsForARequestNoStubMatchedAndNamesTheClosest() {
        mock.strict();
        mock.stubFor(messages().withModel("anthropic.claude-sonnet-4-5").withLastUserMessageContaining("order").willReturn(text("x")));
        mock.stubFor(messages().withToolResultFor("lookp_order").willReturn(text("y")).named("typo"));
        client.messages().create(secondTurn());

        assertThatThrownBy(mock::assertEveryRequestMatchedAStub)
                .hasMessageContaining("strict: 1 request(s) matched no stub")
                .hasMessageContaining("closest stub 'typo'")
                .hasMessageContaining("tool-result-for: wanted lookp_order, was tool_result for [lookup_order]");
    }

    @Test
    void strictModePassesWhenEveryRequestMetAStubAndEndsWithTheReset() {
        mock.strict();
        mock.stubFor(messages().withToolResultFor("lookup_order").willReturn(text("on its way")));
        client.messages().create(secondTurn());
        mock.assertEveryRequestMatchedAStub();

        mock.reset();
        assertThat(mock.isStrict()).isFalse();
    }

    @Test
    void aStubCallingAToolTheRequestDoesNotOfferFailsTheTestSayingSo() {
        mock.stubFor(messages().willReturn(toolUse("lookp_order", Map.of("order_id", "A1"))).named("typo"));
        // The mock refuses the answer Bedrock could not give, with a mock error the SDK does not retry...
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(100).addUserMessage("Where is A1?")
                .addTool(Tool.builder().name("lookup_order").inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("order_id"))).build()).build()).build()))
                .isInstanceOf(InternalServerException.class);

        // ...and the test that set up the stub fails, naming it and the rule.
        assertThatThrownBy(mock::assertStubsHeldToRequests)
                .hasMessageContaining("fixture 'typo'")
                .hasMessageContaining("it calls the tool 'lookp_order', which the request does not offer (it offers lookup_order)");
    }

    @Test
    void aStubCallWithoutARequiredPropertyFailsTooAndAGoodOnePasses() {
        mock.stubFor(messages().willReturn(toolUse("lookup_order", Map.of("id", "A1"))).named("bad-input"));
        MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(100).addUserMessage("Where is A1?")
                .addTool(Tool.builder().name("lookup_order").inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("order_id"))).build()).build()).build();
        assertThatThrownBy(() -> client.messages().create(params)).isInstanceOf(InternalServerException.class);
        assertThatThrownBy(mock::assertStubsHeldToRequests).hasMessageContaining("fixture 'bad-input'")
                .hasMessageContaining("the required property 'order_id' is missing");

        mock.reset();
        mock.stubFor(messages().willReturn(toolUse("lookup_order", Map.of("order_id", "A1"))));
        client.messages().create(params);
        mock.assertStubsHeldToRequests();
    }
}
