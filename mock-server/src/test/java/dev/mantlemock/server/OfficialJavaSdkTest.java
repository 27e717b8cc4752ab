package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.testing.RunningMock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user's application does with the official Java SDK, pointed at the mock by base URL only. */
class OfficialJavaSdkTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> {
        dev.mantlemock.policy.ModelEntry added = new dev.mantlemock.policy.ModelEntry();
        added.id = "anthropic.claude-sonnet-5";
        added.maxOutputTokens = 128_000;
        c.models.add(added);
    });


    private static MessageCreateParams.Builder hello() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(200).addUserMessage("Hello, Claude");
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(
                                "city", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .required(List.of("city"))
                        .build())
                .build();
    }

    @Test
    void createsAMessageTheSdkAcceptsAsValid() {
        Message message = mock.client().messages().create(hello().build());

        message.validate();
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo(RunningMock.MODEL);
        assertThat(message.content()).isNotEmpty();
        assertThat(message.content().get(0).text()).isPresent();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void aStreamAccumulatedByTheSdkEqualsTheMessageForTheSameRequest() {
        MessageCreateParams params = hello().addTool(weatherTool()).build();
        Message whole = mock.client().messages().create(params);

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = mock.client().messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        assertThat(streamed.content()).isEqualTo(whole.content());
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
    }

    @Test
    void aForcedToolChoiceYieldsAToolCallWhoseInputFitsTheSchema() {
        Message message = mock.client().messages().create(hello().addTool(weatherTool())
                .toolChoice(ToolChoiceAny.builder().build()).build());

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock call = message.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertThat(call.id()).startsWith("toolu_");
        assertThat(call.name()).isEqualTo("get_weather");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = call._input().convert(Map.class);
        assertThat(input).containsKey("city");
        assertThat(input.get("city")).isInstanceOf(String.class);
        if (input.containsKey("unit")) {
            assertThat(input.get("unit")).isIn("celsius", "fahrenheit");
        }
    }

    @Test
    void anAgentLoopEndsOnceTheToolResultIsHandedBack() {
        MessageCreateParams first = hello().addTool(weatherTool()).build();
        Message call = mock.client().messages().create(first);
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();

        MessageCreateParams second = first.toBuilder()
                .addMessage(call)
                .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("12 degrees and sunny").build()))))
                .build();
        Message answer = mock.client().messages().create(second);

        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content()).allMatch(ContentBlock::isText);
    }

    @Test
    void extendedThinkingComesFirstWithASignature() {
        Message message = mock.client().messages().create(hello().maxTokens(4000).enabledThinking(1024).build());

        assertThat(message.content().get(0).isThinking()).isTrue();
        assertThat(message.content().get(0).asThinking().signature()).isNotBlank();
        assertThat(message.content().get(0).asThinking().thinking()).isNotBlank();
        assertThat(message.content()).last().matches(ContentBlock::isText);
    }

    @Test
    void countTokensReportsWhatTheSameRequestReportsAsInputTokens() {
        Message message = mock.client().messages().create(hello().addTool(weatherTool()).system("Be brief.").build());
        long counted = mock.client().messages().countTokens(MessageCountTokensParams.builder()
                .model(RunningMock.MODEL)
                .addUserMessage("Hello, Claude")
                .addTool(weatherTool())
                .system("Be brief.")
                .build()).inputTokens();

        assertThat(counted).isEqualTo(message.usage().inputTokens());
    }

    @Test
    void aStopSequenceInTheAnswerEndsItThere() {
        Message message = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(200)
                .addUserMessage("Please repeat PINEAPPLE back to me")
                .stopSequences(List.of("PINEAPPLE"))
                .build());

        assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).contains("PINEAPPLE");
        assertThat(message.content().get(0).asText().text()).doesNotContain("PINEAPPLE");
    }

    @Test
    void aModelAddedInConfigIsServedWithItsOwnLimits() {
        Message message = client().messages().create(hello().model("anthropic.claude-sonnet-5").maxTokens(100_000).build());

        assertThat(message.model().asString()).isEqualTo("anthropic.claude-sonnet-5");
    }

    private static AnthropicClient client() {
        return mock.client();
    }

    @Test
    void maxTokensCutsTheAnswerAndSaysSo() {
        Message message = mock.client().messages().create(hello().maxTokens(5).build());

        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
        assertThat(message.usage().outputTokens()).isLessThanOrEqualTo(5);
    }

    @Test
    void documentsWithCitationsEnabledAreQuotedExactly() {
        String document = "The grass is green. The sky is blue. Water is wet.";
        Message message = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(500)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofDocument(com.anthropic.models.messages.DocumentBlockParam.builder()
                                .textSource(document)
                                .title("Facts")
                                .citations(com.anthropic.models.messages.CitationsConfigParam.builder().enabled(true).build())
                                .build()),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("What colour is the sky?").build())))
                .build());

        var citations = message.content().stream().filter(ContentBlock::isText)
                .flatMap(b -> b.asText().citations().orElse(List.of()).stream()).toList();
        assertThat(citations).isNotEmpty();
        citations.forEach(c -> {
            var location = c.asCharLocation();
            assertThat(document.substring((int) location.startCharIndex(), (int) location.endCharIndex()))
                    .isEqualTo(location.citedText());
        });
    }
}
