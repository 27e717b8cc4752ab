package dev.mantlemock.kit;

import static dev.mantlemock.kit.MantleMockDsl.error;
import static dev.mantlemock.kit.MantleMockDsl.messages;
import static dev.mantlemock.kit.MantleMockDsl.messagesRequested;
import static dev.mantlemock.kit.MantleMockDsl.overloaded;
import static dev.mantlemock.kit.MantleMockDsl.quota;
import static dev.mantlemock.kit.MantleMockDsl.text;
import static dev.mantlemock.kit.MantleMockDsl.thinking;
import static dev.mantlemock.kit.MantleMockDsl.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.mantlemock.testing.RunningMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test kit's DSL drives the mock's own fixtures, fault rules, quotas and journal. */
class MantleMockDslTest {
    private static final String MODEL = RunningMock.MODEL;
    private static final MantleMock mock = MantleMock.start();

    @AfterAll
    static void stop() {
        client0.close();
        client2.close();
        mock.close();
    }

    @BeforeEach
    void cleanState() {
        mock.reset();
    }

    private static final AnthropicClient client0 = client(0);
    private static final AnthropicClient client2 = client(2);

    private static AnthropicClient client(int retries) {
        return AnthropicOkHttpClient.builder()
                .backend(BedrockMantleBackend.builder().apiKey(mock.info().shortTermKey()).baseUrl(mock.baseUrl()).build())
                .maxRetries(retries).timeout(RunningMock.TIMEOUT).build();
    }

    private static Message ask(AnthropicClient client, String question) {
        return client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage(question).build());
    }

    /** A stub may call only a tool the request offers, as Bedrock's model can: these requests offer get_weather. */
    private static final com.anthropic.models.messages.Tool GET_WEATHER = com.anthropic.models.messages.Tool.builder()
            .name("get_weather").inputSchema(com.anthropic.models.messages.Tool.InputSchema.builder()
                    .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
            .build();

    @Test
    void aStubAnswersTheRequestsItMatchesAndTheGeneratorTheRest() {
        mock.stubFor(messages().withModel(MODEL).withLastUserMessageContaining("weather")
                .willReturn(toolUse("get_weather", Map.of("city", "Paris"))));
        {
            AnthropicClient client = client0;
            Message call = client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(256)
                    .addTool(GET_WEATHER).addUserMessage("What is the WEATHER in Paris?").build());
            assertThat(call.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
            ToolUseBlock tool = call.content().get(0).asToolUse();
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
            assertThat(ask(client, "Tell me a story").content().get(0).isText()).isTrue();
        }
    }

    @Test
    void theNewestStubWinsSoATestCanOverrideAGeneralAnswer() {
        mock.stubFor(messages().willReturn(text("general")));
        mock.stubFor(messages().withLastUserMessageContaining("special").willReturn(text("special")));
        {
            AnthropicClient client = client0;
            assertThat(ask(client, "something special").content().get(0).asText().text()).isEqualTo("special");
            assertThat(ask(client, "anything").content().get(0).asText().text()).isEqualTo("general");
        }
    }

    @Test
    void anOverloadedFaultTwiceIsRetriedByTheSdkAndVerifiedInTheJournal() {
        mock.stubFor(messages().withModel(MODEL).willFail(overloaded()).times(2));
        mock.stubFor(messages().willReturn(text("finally")));
        {
            AnthropicClient client = client2;
            assertThat(ask(client, "hello").content().get(0).asText().text()).isEqualTo("finally");
        }
        mock.verify(3, messagesRequested().withModel(MODEL));
        assertThat(mock.requests()).extracting(RecordedRequest::status).containsExactly(529, 529, 200);
        assertThat(mock.requests().get(0).errorType()).isEqualTo("overloaded_error");
    }

    @Test
    void aThinkingReplyIsStreamedWithASignedThinkingBlock() {
        mock.stubFor(messages().streaming(true).willReturn(thinking("Paris is in France.").text("Sunny.").streamed(0, 5_000)));
        com.anthropic.helpers.MessageAccumulator accumulator = com.anthropic.helpers.MessageAccumulator.create();
        try (var stream = client0.messages().createStreaming(MessageCreateParams.builder().model(MODEL).maxTokens(2048)
                .enabledThinking(1024).addUserMessage("Weather in Paris?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Paris is in France.");
        assertThat(message.content().get(0).asThinking().signature()).isNotBlank();
        assertThat(message.content().get(1).asText().text()).isEqualTo("Sunny.");
    }

    @Test
    void anErrorReplyIsSentInTheEnvelope() {
        mock.stubFor(messages().willReturn(error("api_error", "scripted failure")));
        {
            AnthropicClient client = client0;
            assertThatThrownBy(() -> ask(client, "hi")).isInstanceOf(InternalServerException.class).hasMessageContaining("scripted failure");
        }
    }

    @Test
    void verificationCountsToolResultsForANamedTool() {
        mock.stubFor(messages().willReturn(toolUse("get_weather", Map.of("city", "Paris"))));
        mock.stubFor(messages().withToolResultFor("get_weather").willReturn(text("It is sunny in Paris."))); // newest first
        {
            AnthropicClient client = client0;
            MessageCreateParams first = MessageCreateParams.builder().model(MODEL).maxTokens(256).addTool(GET_WEATHER)
                    .addUserMessage("Weather in Paris?").build();
            Message call = client.messages().create(first);
            ToolUseBlock tool = call.content().get(0).asToolUse();
            MessageCreateParams second = first.toBuilder()
                    .addMessage(call)
                    .addMessage(MessageParam.ofUserOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                            ToolResultBlockParam.builder().toolUseId(tool.id()).content("18 C, sunny").build()))))
                    .build();
            assertThat(client.messages().create(second).content().get(0).asText().text()).isEqualTo("It is sunny in Paris.");
        }
        mock.verify(1, messagesRequested().withToolResultFor("get_weather"));
        mock.verify(2, messagesRequested().withModel(MODEL));
        assertThatThrownBy(() -> mock.verify(1, messagesRequested().withToolResultFor("get_time")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("found 0").hasMessageContaining("Received:");
    }

    @Test
    void aQuotaSetInCodeIsEnforced() {
        mock.quota(quota().inputTokensPerMinute(10_000));
        {
            AnthropicClient client = client0;
            assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(20_000)
                    .addUserMessage("hi").build())).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void aQueueingQuotaAdmitsTheSecondRequestLateInsteadOfRefusingIt() {
        // 1,200 TPM in 5 s windows: 100 tokens a window. The first request reserves its input and 90 tokens of
        // max_tokens, and still holds input + output after the refund, so the second must wait for the next window.
        mock.quota(quota().inputTokensPerMinute(1_200).windowSeconds(5).queueUpTo(30));
        MessageCreateParams small = MessageCreateParams.builder().model(MODEL).maxTokens(90).addUserMessage("hi").build();
        client0.messages().create(small);
        client0.messages().create(small);
        assertThat(mock.server().controls().quotas().admittedLate()).isPositive();
        mock.verify(2, messagesRequested()); // no 429 retried by the SDK: both were admitted
    }

    @Test
    void aQueueWaitOutsideItsBoundsIsRefusedWhereTheTestWritesIt() {
        assertThatThrownBy(() -> quota().queueUpTo(5_000)).hasMessageContaining("maxQueueWaitSeconds");
    }

    @Test
    void resetForgetsStubsRulesAndTheJournal() {
        mock.stubFor(messages().willReturn(text("stubbed")));
        mock.stubFor(messages().willFail(overloaded()));
        mock.reset();
        {
            AnthropicClient client = client0;
            assertThat(ask(client, "hello").content().get(0).asText().text()).isNotEqualTo("stubbed");
        }
        mock.verify(1, messagesRequested());
        assertThat(mock.server().controls().fixtures().added()).isEmpty();
        assertThat(mock.server().controls().faults().list(null)).isEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode usageOfACachedPrompt() throws Exception {
        String system = "The quick brown fox jumps over the lazy dog. ".repeat(1500);
        String body = dev.mantlemock.domain.Json.MAPPER.writeValueAsString(Map.of("model", MODEL, "max_tokens", 64,
                "system", List.of(Map.of("type", "text", "text", system, "cache_control", Map.of("type", "ephemeral"))),
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .header("authorization", "Bearer " + mock.info().shortTermKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return dev.mantlemock.domain.Json.MAPPER.readTree(r.body()).path("usage");
    }

    @Test
    void resetEmptiesThePromptCacheAndPutsTheQuotasBack() throws Exception {
        assertThat(usageOfACachedPrompt().path("cache_creation_input_tokens").asLong()).isPositive();
        assertThat(usageOfACachedPrompt().path("cache_read_input_tokens").asLong()).isPositive();
        mock.quota(quota().inputTokensPerMinute(10_000));

        mock.reset();

        assertThat(usageOfACachedPrompt().path("cache_read_input_tokens").asLong()).isZero();
        assertThat(mock.server().controls().quotas().settings().defaults().inputTokensPerMinute()).isEqualTo(2_000_000);
    }

    @Test
    void aFaultCannotMatchOnMessageTextBecauseFaultRulesDoNot() {
        assertThatThrownBy(() -> mock.stubFor(messages().withLastUserMessageContaining("x").willFail(overloaded())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("willReturn(error(");
    }

    @Test
    void theAdminApiAddsTheSameFixtures() throws Exception {
        HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.info().adminUrl() + "/fixtures"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "from-admin", "match": {"last-message": {"contains": "admin"}},
                         "response": {"content": [{"type": "text", "text": "added over HTTP"}]}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        {
            AnthropicClient client = client0;
            assertThat(ask(client, "ask the admin").content().get(0).asText().text()).isEqualTo("added over HTTP");
        }
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.info().adminUrl() + "/fixtures"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("exactly one of 'response' or 'error'");
    }
}
