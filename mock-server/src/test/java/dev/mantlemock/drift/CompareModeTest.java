package dev.mantlemock.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.StrictUpstream;
import dev.mantlemock.testing.TestRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare mode: the client gets the upstream's answer, the mock answers the same request on the side,
 * and every difference lands in the drift log and in {@code GET /_mock/drift}.
 */
class CompareModeTest {
    /**
     * The upstream answers a weather conversation with another tool call; the mock, with no fixture, answers the
     * tool result in text.
     */
    private static final String WEATHER_FIXTURE = """
            {"name": "weather-calls-the-tool", "match": {"any-message": {"contains": "weather"}, "tool": "get_weather"},
             "response": {"content": [{"type": "tool_use", "name": "get_weather", "input": {"city": "Paris"}}],
                          "stop_reason": "tool_use"}}
            """;

    @TempDir
    Path dir;

    @Test
    void theClientGetsTheUpstreamsAnswerAndEveryDifferenceIsLogged() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("upstream-fixtures"));
        Files.writeString(fixtures.resolve("weather.json"), WEATHER_FIXTURE);
        Path driftLog = dir.resolve("drift.jsonl");
        try (RunningMock upstream = StrictUpstream.start(c -> c.fixtures = fixtures.toString());
                RunningMock comparer = RunningMock.start(StrictUpstream.comparingWith(upstream.baseUrl(), driftLog))) {
            Message same = comparer.client().messages().create(ask("Hello there"));
            Message weather = comparer.client().messages().create(weatherWithAResult());

            assertThat(same.content()).allMatch(ContentBlock::isText);
            assertThat(weather.content()).as("the upstream's answer").allMatch(ContentBlock::isToolUse);

            JsonNode summary = awaitCompared(comparer, 2);
            assertThat(summary.path("comparing").asBoolean()).isTrue();
            assertThat(summary.path("compared").asInt()).isEqualTo(2);
            assertThat(summary.path("drifted").asInt()).isEqualTo(1);
            assertThat(summary.path("by_aspect").path("content_types").asInt()).isEqualTo(1);
            assertThat(summary.path("by_aspect").path("stop_reason").asInt()).isEqualTo(1);
            assertThat(summary.path("by_aspect").path("status").asInt()).isZero();

            List<String> lines = Files.readAllLines(driftLog);
            assertThat(lines).hasSize(1);
            JsonNode line = TestRequests.node(lines.get(0));
            assertThat(line.path("endpoint").asText()).isEqualTo("/v1/messages");
            assertThat(line.path("differences").toString())
                    .contains("{\"aspect\":\"content_types\",\"mock\":[\"text\"],\"upstream\":[\"tool_use\"]}")
                    .contains("{\"aspect\":\"stop_reason\",\"mock\":\"end_turn\",\"upstream\":\"tool_use\"}");
        }
    }

    @Test
    void aStreamIsComparedOnItsEventsAndItsHeaders() throws Exception {
        Path driftLog = dir.resolve("drift.jsonl");
        try (RunningMock upstream = StrictUpstream.start(c -> c.quota.rateLimitHeaders = true);
                RunningMock comparer = RunningMock.start(StrictUpstream.comparingWith(upstream.baseUrl(), driftLog))) {
            MessageAccumulator acc = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = comparer.client().messages().createStreaming(ask("Stream this"))) {
                stream.stream().forEach(acc::accumulate);
            }
            assertThat(acc.message().content()).isNotEmpty();

            JsonNode summary = awaitCompared(comparer, 1);
            assertThat(summary.path("drifted").asInt()).isEqualTo(1);
            assertThat(summary.path("by_aspect").path("headers").asInt()).as("only the upstream sends rate-limit headers").isEqualTo(1);
            assertThat(summary.path("by_aspect").path("sse_events").asInt()).as("the same events in the same order").isZero();
            assertThat(summary.path("recent").get(0).path("differences").toString()).contains("anthropic-ratelimit-input-tokens-limit");
        }
    }

    @Test
    void theDriftSummaryFollowsTheAdminApisRules() throws Exception {
        try (RunningMock mock = RunningMock.start()) {
            assertThat(TestRequests.node(mock.get("/_mock/drift").body()).path("comparing").asBoolean()).isFalse();
            var fromAPage = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + mock.server().port() + "/_mock/drift"))
                    .header("origin", "https://evil.example").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(fromAPage.statusCode()).isEqualTo(403);
            assertThat(fromAPage.body()).contains("permission_error");
        }
    }

    @Test
    void theClientsTestHeadersAreNotAppliedToTheMocksSideAnswer() throws Exception {
        try (RunningMock upstream = StrictUpstream.start(c -> {});
                RunningMock comparer = RunningMock.start(c -> {
                    c.compare.with = upstream.baseUrl();
                    c.compare.region = "us-east-1";
                    c.compare.driftLog = dir.resolve("drift.jsonl").toString();
                    c.upstreamCredentials = StrictUpstream.credentials();
                })) {
            var answer = comparer.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":100,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}",
                    "x-mock-fault", "overloaded", "x-mock-scenario", "no-such-scenario", "x-mock-stop-reason", "refusal");

            assertThat(answer.statusCode()).as("the upstream's answer").isEqualTo(200);
            JsonNode summary = awaitCompared(comparer, 1);
            assertThat(summary.path("compared").asInt()).isEqualTo(1);
            assertThat(summary.path("drifted").asInt()).as("no difference the client's headers made: %s", summary).isZero();
        }
    }

    /** A weather question, the model's call of get_weather and its result: the next answer is the model's. */
    private static MessageCreateParams weatherWithAResult() {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(100)
                .addTool(Tool.builder().name("get_weather")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build()).build())
                .addUserMessage("What is the weather in Paris?")
                .addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id("toolu_01").name("get_weather").input(JsonValue.from(Map.of("city", "Paris"))).build())))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId("toolu_01").content("18 C").build())))
                .build();
    }

    private static MessageCreateParams ask(String text) {
        return MessageCreateParams.builder().model(RunningMock.MODEL).maxTokens(100).addUserMessage(text).build();
    }

    /** Both answers are compared once both have ended, which can be just after the client has its own. */
    static JsonNode awaitCompared(RunningMock comparer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        JsonNode summary = TestRequests.node(comparer.get("/_mock/drift").body());
        while (summary.path("compared").asInt() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            summary = TestRequests.node(comparer.get("/_mock/drift").body());
        }
        return summary;
    }
}
