package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CitationsConfigParam;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.DocumentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.PlainTextSource;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.Fixtures;
import dev.mantlemock.contract.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Mock-only: every answer the mock can give is one the SDK's types accept strictly (the session's client
 * validates every response, and every streamed event and accumulated message): each shipped fixture, and
 * each kind of generated answer, as JSON and as a stream.
 */
public final class AnswerKindContracts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerKindContracts() {}

    public static final Contract SHIPPED_FIXTURES = new Contract("fixture.shipped-fixtures-strict", "fixtures (mock-only)",
            "Every shipped fixture's answer, named by its scenario, is accepted strictly by the SDK, as JSON and as a stream",
            Needs.FIXTURES, s -> {
                int answered = 0;
                for (JsonNode fixture : shippedAnswers()) {
                    MessageCreateParams params = forFixture(s, fixture);
                    both(s, params);
                    answered++;
                }
                assertThat(answered).as("fixtures with an answer and a scenario").isGreaterThanOrEqualTo(4);
            });

    public static final Contract EVERY_ANSWER_KIND = new Contract("fixture.every-answer-kind-strict", "fixtures (mock-only)",
            "Text, tool calls (auto, any, forced), thinking, a thinking tool loop, citations, and every stop reason the mock "
                    + "sends are accepted strictly by the SDK, as JSON and as a stream",
            Needs.FIXTURES, s -> {
                both(s, Requests.hello(s).build());
                both(s, Requests.ask(s, Requests.WEATHER_QUESTION, 300).addTool(Requests.weatherTool()).build());
                both(s, Requests.ask(s, Requests.WEATHER_QUESTION, 300).addTool(Requests.weatherTool())
                        .toolChoice(ToolChoiceAny.builder().build()).build());
                both(s, Requests.ask(s, Requests.WEATHER_QUESTION, 300).addTool(Requests.weatherTool())
                        .toolChoice(ToolChoiceTool.builder().name("get_weather").build()).build());
                both(s, Requests.ask(s, ThinkingContracts.QUESTION, 2048).enabledThinking(1024).build());
                MessageCreateParams thinkingCall = Requests.ask(s, Requests.WEATHER_QUESTION, 2048).enabledThinking(1024)
                        .addTool(Requests.weatherTool()).build();
                Message call = s.create(thinkingCall);
                both(s, thinkingCall);
                both(s, thinkingCall.toBuilder().addMessage(call).addUserMessageOfContentBlockParams(call.content().stream()
                        .filter(b -> b.isToolUse()).map(b -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                .toolUseId(b.asToolUse().id()).content("18 degrees Celsius and sunny").build())).toList()).build());
                both(s, Requests.ask(s, "Count to one hundred.", 3).build());
                both(s, Requests.ask(s, "Say A, then B.", 100).stopSequences(List.of(" ", "e", "a")).build());
                both(s, cited(s));
                for (String stop : List.of("end_turn", "max_tokens", "pause_turn", "refusal", "model_context_window_exceeded")) {
                    both(s, Requests.hello(s).putAdditionalHeader("x-mock-stop-reason", stop).build());
                }
            });

    public static List<Contract> all() {
        return List.of(SHIPPED_FIXTURES, EVERY_ANSWER_KIND);
    }

    /** The request as JSON and as a stream: both validated by the session's strict client. */
    private static void both(Session s, MessageCreateParams params) {
        Message whole = s.create(params);
        whole.validate();
        Message streamed = s.stream(params).message();
        assertThat(streamed.stopReason()).as("stop reason of %s", params).isEqualTo(whole.stopReason());
    }

    /** The shipped fixtures that answer (not those that fail) and name a scenario. */
    private static List<JsonNode> shippedAnswers() {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.dir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(Files.readString(file));
                for (JsonNode fixture : root.isArray() ? root : List.of(root)) {
                    if (fixture.has("response") && fixture.path("match").has("scenario")) {
                        out.add(fixture);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A request the fixture matches: its scenario, its tool, and a tool result when it answers one. */
    private static MessageCreateParams forFixture(Session s, JsonNode fixture) {
        JsonNode match = fixture.path("match");
        MessageCreateParams.Builder params = match.path("tool-result-present").asBoolean(false) ? toolLoop(s) : Requests.ask(s, "Go on.", 1024);
        if (match.has("tool") && !match.path("tool-result-present").asBoolean(false)) {
            params.addTool(match.path("tool").asText().equals("get_weather") ? Requests.weatherTool()
                    : Tool.builder().name(match.path("tool").asText()).inputSchema(Tool.InputSchema.builder().build()).build());
        }
        return params.putAdditionalHeader(FixtureContracts.SCENARIO, match.path("scenario").asText()).build();
    }

    /** A weather question, a call of get_weather and its result: the second turn of a tool loop. */
    private static MessageCreateParams.Builder toolLoop(Session s) {
        return Requests.ask(s, Requests.WEATHER_QUESTION, 1024).addTool(Requests.weatherTool())
                .addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id("toolu_01ContractLoop000000000").name("get_weather").input(JsonValue.from(Map.of("city", "Paris"))).build())))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId("toolu_01ContractLoop000000000").content("18 degrees Celsius and sunny").build())));
    }

    private static MessageCreateParams cited(Session s) {
        DocumentBlockParam document = DocumentBlockParam.builder()
                .source(PlainTextSource.builder().data("The grass is green. The sky is blue.").build())
                .citations(CitationsConfigParam.builder().enabled(true).build()).build();
        return Requests.ask(s, "x", 300).messages(List.of()).addUserMessageOfContentBlockParams(List.of(
                ContentBlockParam.ofDocument(document),
                ContentBlockParam.ofText(TextBlockParam.builder().text("What colour is the grass?").build()))).build();
    }
}
