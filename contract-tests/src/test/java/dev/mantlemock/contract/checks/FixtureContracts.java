package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.Fixtures;
import dev.mantlemock.contract.Session;
import java.util.List;
import java.util.Map;

/**
 * Mock-only: scenarios scripted in {@code fixtures/}. The expected values are read from the same files
 * the mock answers from, so each scenario is written down once.
 */
public final class FixtureContracts {
    /** The shipped fixtures answer only a request that names their scenario. */
    static final String SCENARIO = "x-mock-scenario";

    private FixtureContracts() {}

    public static final Contract WEATHER_AGENT = new Contract("fixture.weather-agent", "fixtures (mock-only)",
            "The weather agent of fixtures/weather-agent.json calls get_weather, then answers from the tool result, word for word as scripted",
            Needs.FIXTURES, s -> {
                JsonNode call = Fixtures.named("weather-agent.json", "weather-agent-calls-the-tool").path("response");
                JsonNode answer = Fixtures.named("weather-agent.json", "weather-agent-answers-from-the-result").path("response");

                MessageCreateParams first = Requests.ask(s, Requests.WEATHER_QUESTION, 300).addTool(Requests.weatherTool())
                        .putAdditionalHeader(SCENARIO, "weather-agent").build();
                Message turn1 = s.create(first);
                assertThat(turn1.stopReason().map(StopReason::asString)).contains(call.path("stop_reason").asText());
                assertContent(turn1, call.path("content"));

                ToolUseBlock toolUse = turn1.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
                Message turn2 = s.create(first.toBuilder().addMessage(turn1)
                        .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18 degrees Celsius and sunny").build()))))
                        .build());
                assertThat(turn2.stopReason().map(StopReason::asString)).contains(answer.path("stop_reason").asText());
                assertContent(turn2, answer.path("content"));
            });

    public static final Contract STREAM_EQUALS_MESSAGE = new Contract("fixture.stream-equals-message", "fixtures (mock-only)",
            "Streaming the scripted weather call accumulates to the very message the non-streamed request returns",
            Needs.FIXTURES, s -> {
                MessageCreateParams params = Requests.ask(s, Requests.WEATHER_QUESTION, 300).addTool(Requests.weatherTool())
                        .putAdditionalHeader(SCENARIO, "weather-agent").build();
                Message whole = s.create(params);
                Message streamed = s.stream(params).message();
                assertThat(streamed.content()).as("content").isEqualTo(whole.content());
                assertThat(streamed.stopReason()).as("stop reason").isEqualTo(whole.stopReason());
                assertThat(streamed.usage().inputTokens()).as("input tokens").isEqualTo(whole.usage().inputTokens());
                assertThat(streamed.usage().outputTokens()).as("output tokens").isEqualTo(whole.usage().outputTokens());
                assertContent(streamed, Fixtures.named("weather-agent.json", "weather-agent-calls-the-tool").path("response").path("content"));
            });

    public static final Contract THINKING_RIDDLE = new Contract("fixture.thinking-riddle", "fixtures (mock-only)",
            "The riddle of fixtures/thinking.json is answered with its scripted thinking and text, and a signature the mock adds",
            Needs.FIXTURES, s -> {
                JsonNode scripted = Fixtures.named("thinking.json", "riddle-with-thinking").path("response").path("content");
                Message message = s.create(Requests.ask(s, "Here is a riddle: what has keys but cannot open locks?", 2048)
                        .enabledThinking(1024).putAdditionalHeader(SCENARIO, "thinking").build());
                assertContent(message, scripted);
                assertThat(message.content().get(0).asThinking().signature()).as("signature").isNotBlank();
            });

    public static final Contract ERROR_SCENARIOS = new Contract("fixture.error-scenarios", "fixtures (mock-only)",
            "The scenarios of fixtures/errors.json answer with their scripted status, error type, message and headers",
            Needs.FIXTURES, s -> {
                JsonNode overloaded = Fixtures.named("errors.json", "overloaded").path("error");
                AnthropicServiceException e = scenario(s, "overloaded");
                assertThat(e).isInstanceOf(OverloadedException.class);
                Envelope.expect(e, overloaded.path("status").asInt(), overloaded.path("type").asText());
                assertThat(Envelope.body(e).path("error").path("message").asText()).isEqualTo(overloaded.path("message").asText());

                JsonNode limited = Fixtures.named("errors.json", "rate-limited").path("error");
                AnthropicServiceException r = scenario(s, "rate-limited");
                assertThat(r).isInstanceOf(RateLimitException.class);
                Envelope.expect(r, limited.path("status").asInt(), limited.path("type").asText());
                limited.path("headers").fields().forEachRemaining(h ->
                        assertThat(r.headers().values(h.getKey())).as("header %s", h.getKey()).containsExactly(h.getValue().asText()));
            });

    private static AnthropicServiceException scenario(Session s, String name) {
        return s.refusal(c -> c.messages().create(Requests.hello(s).putAdditionalHeader(SCENARIO, name).build()));
    }

    /** The message's blocks are the scripted ones: same types, texts, tool ids, names and inputs. */
    static void assertContent(Message message, JsonNode scripted) {
        assertThat(message.content()).as("number of blocks").hasSize(scripted.size());
        for (int i = 0; i < scripted.size(); i++) {
            JsonNode want = scripted.get(i);
            ContentBlock got = message.content().get(i);
            switch (want.path("type").asText()) {
                case "text" -> assertThat(got.isText() ? got.asText().text() : got.toString()).as("text of block %d", i)
                        .isEqualTo(want.path("text").asText());
                case "thinking" -> assertThat(got.isThinking() ? got.asThinking().thinking() : got.toString()).as("thinking of block %d", i)
                        .isEqualTo(want.path("thinking").asText());
                case "tool_use" -> {
                    assertThat(got.isToolUse()).as("block %d is tool_use: %s", i, got).isTrue();
                    ToolUseBlock tool = got.asToolUse();
                    assertThat(tool.id()).as("tool_use id").isEqualTo(want.path("id").asText());
                    assertThat(tool.name()).as("tool name").isEqualTo(want.path("name").asText());
                    assertThat(tool._input().convert(Map.class)).as("tool input")
                            .isEqualTo(Requests.JSON.convertValue(want.path("input"), Map.class));
                }
                default -> throw new IllegalStateException("unexpected scripted block " + want);
            }
        }
    }

    public static List<Contract> all() {
        return List.of(WEATHER_AGENT, STREAM_EQUALS_MESSAGE, THINKING_RIDDLE, ERROR_SCENARIOS);
    }
}
