package com.example.weather;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small agent on Claude in Amazon Bedrock: it answers questions about the weather, calling its
 * {@code get_weather} tool until the model has what it needs. Retries of 429, 529 and 5xx are the SDK's
 * (two by default, honouring {@code retry-after}); a stream cut mid-answer is the agent's to retry.
 */
public final class WeatherAgent {
    public static final String MODEL = "anthropic.claude-haiku-4-5";
    /** The SDK's own environment variable; read from a system property first, so tests can set it. */
    public static final String BASE_URL = "ANTHROPIC_BEDROCK_MANTLE_BASE_URL";
    static final int STREAM_ATTEMPTS = 2;

    private final AnthropicClient client;
    private final WeatherService weather;

    public WeatherAgent(AnthropicClient client, WeatherService weather) {
        this.client = client;
        this.weather = weather;
    }

    /** Production wiring: AWS credentials and region from the default chain, the base URL from the environment. */
    public static AnthropicClient clientFromEnvironment() {
        BedrockMantleBackend.Builder backend = BedrockMantleBackend.builder().fromEnv();
        String baseUrl = System.getProperty(BASE_URL, System.getenv(BASE_URL));
        if (baseUrl != null) {
            backend.baseUrl(baseUrl);
        }
        return AnthropicOkHttpClient.builder().backend(backend.build()).build();
    }

    /** The answer to a question, after as many tool calls as the model asks for. */
    public String ask(String question) {
        MessageCreateParams.Builder conversation = start(question);
        for (int turn = 0; turn < 5; turn++) {
            Message reply = client.messages().create(conversation.build());
            if (!reply.stopReason().equals(java.util.Optional.of(StopReason.TOOL_USE))) {
                return text(reply);
            }
            conversation.addMessage(reply).addMessage(MessageParam.ofUserOfContentBlockParams(toolResults(reply)));
        }
        throw new IllegalStateException("the model kept calling tools");
    }

    /** The same answer streamed, as a chat UI would show it; a stream cut mid-answer is tried again once. */
    public String askStreaming(String question) {
        MessageCreateParams params = start(question).build();
        AnthropicException last = null;
        for (int attempt = 1; attempt <= STREAM_ATTEMPTS; attempt++) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
                return text(accumulator.message());
            } catch (AnthropicException cut) { // a dropped connection or an error event mid-stream
                last = cut;
            }
        }
        throw last;
    }

    private static MessageCreateParams.Builder start(String question) {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(512)
                .system("You are a weather assistant. Use get_weather for any forecast.")
                .addTool(Tool.builder()
                        .name("get_weather")
                        .description("The forecast for a city")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .addUserMessage(question);
    }

    private List<ContentBlockParam> toolResults(Message reply) {
        List<ContentBlockParam> results = new ArrayList<>();
        for (ContentBlock block : reply.content()) {
            if (block.isToolUse()) {
                ToolUseBlock call = block.asToolUse();
                String city = String.valueOf(call._input().convert(Map.class).get("city"));
                results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(call.id()).content(weather.forecast(city)).build()));
            }
        }
        return results;
    }

    private static String text(Message message) {
        return message.content().stream().filter(ContentBlock::isText).map(b -> b.asText().text()).collect(Collectors.joining());
    }
}
