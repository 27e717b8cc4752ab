package dev.mantlemock.contract.checks;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.contract.Session;
import java.util.List;
import java.util.Map;

/** The requests the contracts send: small, cheap on a live account, and phrased so a real model complies. */
final class Requests {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A weather question (with x-mock-scenario: weather-agent, the mock answers it from fixtures/weather-agent.json). */
    static final String WEATHER_QUESTION = "What's the weather like in Paris right now?";
    static final String LONG_ANSWER = "Write a long story about a lighthouse keeper and the storm of the century.";

    private Requests() {}

    static MessageCreateParams.Builder ask(Session s, String text, long maxTokens) {
        return MessageCreateParams.builder().model(s.model()).maxTokens(maxTokens).addUserMessage(text);
    }

    static MessageCreateParams.Builder hello(Session s) {
        return ask(s, "Say hello in one short sentence.", 64);
    }

    static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(
                                "city", Map.of("type", "string", "description", "City name, e.g. Paris"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .required(List.of("city"))
                        .build())
                .build();
    }

    /** A raw Messages body: one user turn, as curl users write it. */
    static ObjectNode rawBody(Session s, String text, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", s.model());
        body.put("max_tokens", maxTokens);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    static ObjectNode rawStream(Session s, String text, int maxTokens) {
        return rawBody(s, text, maxTokens).put("stream", true);
    }

    /** The weather tool as raw JSON, forced, so a real model must call it. */
    static ObjectNode withForcedWeatherTool(ObjectNode body) {
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", "get_weather").put("description", "Current weather for a city");
        ObjectNode schema = tool.putObject("input_schema").put("type", "object");
        schema.putObject("properties").putObject("city").put("type", "string");
        schema.putArray("required").add("city");
        body.putObject("tool_choice").put("type", "tool").put("name", "get_weather");
        return body;
    }
}
