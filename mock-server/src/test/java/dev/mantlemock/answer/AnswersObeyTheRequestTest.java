package dev.mantlemock.answer;

import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.thinking;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.kit.JournalWait;
import dev.mantlemock.kit.RecordedRequest;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer obeys the request it answers, whoever made it: the user's get_weather request of issue
 * 23, a thinking tool loop through the official SDK, and stubs adapted (with the journal told) or refused
 * with a mock error naming the stub and the rule.
 */
class AnswersObeyTheRequestTest {
    private static final String THINKING_MODEL = "anthropic.claude-haiku-4-5"; // thinks when asked with type enabled, as the loop asks

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> c.fixtures = "shipped");

    @BeforeEach
    void noStubs() {
        mock.kit().reset();
    }

    /** The user's tool: {@code unit} is one of "c", "f". */
    private static Tool getWeather() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("c", "f")))))
                        .required(List.of("city", "unit")).build())
                .build();
    }

    /** The shipped weather-agent fixture's tool: {@code unit} is "celsius" or "fahrenheit". */
    private static Tool fixturesWeatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .required(List.of("city")).build())
                .build();
    }

    @Test
    void aForcedGetWeatherCallIsOfTheUsersToolWithInputInTheirEnumAndNoTextBeforeIt() {
        Message message = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300)
                .addTool(getWeather()).toolChoice(ToolChoiceTool.builder().name("get_weather").build())
                .addUserMessage("What is the weather in Paris?").build());

        assertThat(message.content()).hasSize(1);
        ToolUseBlock call = message.content().get(0).asToolUse();
        assertThat(call.name()).isEqualTo("get_weather");
        JsonNode input = TestRequests.MAPPER.valueToTree(call._input());
        assertThat(input.path("unit").asText()).isIn("c", "f");
        assertThat(input.path("city").isTextual()).isTrue();
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void aThinkingToolLoopRunsThreeTurnsThroughTheSdk() {
        MessageCreateParams.Builder params = MessageCreateParams.builder().model(THINKING_MODEL).maxTokens(4000)
                .enabledThinking(1024).addTool(getWeather()).addUserMessage("What is the weather in Paris?");

        List<Message> answers = loop(params, 3);

        assertThat(answers).hasSize(3).allSatisfy(m -> assertThat(m.content().get(0).isThinking()).isTrue());
    }

    @Test
    void theShippedWeatherScenarioRunsAThinkingLoopItsAnswersAdaptedToThinking() {
        MessageCreateParams.Builder params = MessageCreateParams.builder().model(THINKING_MODEL).maxTokens(4000)
                .enabledThinking(1024).addTool(fixturesWeatherTool()).addUserMessage("What is the weather in Paris?")
                .putAdditionalHeader("x-mock-scenario", "weather-agent");

        List<Message> answers = loop(params, 3);

        assertThat(answers.get(0).content().get(0).isThinking()).isTrue();
        assertThat(answers.get(0).content()).anyMatch(ContentBlock::isToolUse);
        assertThat(answers.get(1).content()).last().matches(b -> b.isText()
                && b.asText().text().equals("It is 18 degrees Celsius and sunny in Paris right now."));
    }

    @Test
    void theShippedFixturesAnswerOnlyWhenTheirScenarioIsNamed() {
        Message ordinary = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300)
                .addUserMessage("Here is a riddle: what has keys but cannot open locks?").build());
        Message named = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(300)
                .addUserMessage("Anything at all").putAdditionalHeader("x-mock-scenario", "thinking").build());

        assertThat(ordinary.content()).noneMatch(b -> b.isText() && b.asText().text().contains("piano"));
        assertThat(named.content()).singleElement().matches(b -> b.asText().text().contains("piano"));
    }

    @Test
    void aScenarioWhoseToolInputBreaksTheUsersSchemaGetsAMockErrorNamingTheFixtureAndTheRule() {
        HttpResponse<String> response = mock.postMessages(weatherBody(), "x-mock-scenario", "weather-agent");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("x-should-retry")).contains("false");
        assertThat(response.body()).contains("fixture 'weather-agent-calls-the-tool' (weather-agent.json)")
                .contains("$.unit: \\\"celsius\\\" is not one of [\\\"c\\\",\\\"f\\\"]");
    }

    @Test
    void textBeforeAForcedCallIsDroppedAndTheJournalSaysSo() {
        mock.kit().stubFor(messages().willReturn(text("Let me check.").toolUse("get_weather", Map.of("city", "Paris", "unit", "c"))));

        HttpResponse<String> response = mock.postMessages(weatherBody());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode content = TestRequests.node(response.body()).path("content");
        assertThat(content).hasSize(1);
        assertThat(content.get(0).path("type").asText()).isEqualTo("tool_use");
        assertThat(response.headers().firstValue(AnswerConformance.ADAPTED_HEADER))
                .contains("tool_choice forces a tool call: the text before it was dropped");
        // The journal is written as the response completes, a moment after the client has read it.
        List<RecordedRequest> journal = JournalWait.until(() -> mock.kit().requests(), r -> !r.isEmpty());
        assertThat(journal).last().satisfies(r -> assertThat(r.adapted())
                .contains("tool_choice forces a tool call: the text before it was dropped"));
    }

    @Test
    void aStubsThinkingIsDroppedWhenTheRequestDoesNotThink() {
        mock.kit().stubFor(messages().willReturn(thinking("Hmm.").text("Hello.")));

        Message message = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(100)
                .addUserMessage("Hi").build());

        assertThat(message.content()).singleElement().matches(ContentBlock::isText);
    }

    @Test
    void aStubCallingAToolTheRequestDoesNotOfferIsRefusedNamingTheStub() {
        mock.kit().stubFor(messages().willReturn(toolUse("send_email", Map.of("to", "a@example.com"))));

        HttpResponse<String> response = mock.postMessages("{\"model\":\"" + RunningMock.MODEL
                + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("added at run time: a test-kit stub")
                .contains("it calls the tool 'send_email', which the request does not offer");
    }

    @Test
    void aStubsTextIsCutAtTheRequestsStopSequence() {
        mock.kit().stubFor(messages().willReturn(text("One, two, STOP three.")));

        Message message = mock.client().messages().create(MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(100)
                .addUserMessage("Count").stopSequences(List.of("STOP")).build());

        assertThat(message.content()).singleElement().matches(b -> b.asText().text().equals("One, two, "));
        assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).contains("STOP");
    }

    private static String weatherBody() {
        return "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":300,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},"
                + "\"required\":[\"city\",\"unit\"]}}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}]}";
    }

    /** An agent loop as the SDK's users write it: each answer sent back, each call answered with a result. */
    private static List<Message> loop(MessageCreateParams.Builder params, int turns) {
        List<Message> answers = new ArrayList<>();
        for (int turn = 0; turn < turns; turn++) {
            Message answer = mock.client().messages().create(params.build());
            answers.add(answer);
            params.addMessage(answer);
            List<ContentBlockParam> results = new ArrayList<>();
            for (ContentBlock block : answer.content()) {
                block.toolUse().ifPresent(call -> results.add(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(call.id()).content("18 C and sunny").build())));
            }
            if (results.isEmpty()) {
                params.addUserMessage("And tomorrow?");
            } else {
                params.addMessage(MessageParam.ofUserOfContentBlockParams(results));
            }
        }
        return answers;
    }
}
