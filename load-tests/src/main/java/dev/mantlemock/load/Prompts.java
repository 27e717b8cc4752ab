package dev.mantlemock.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The request bodies a run sends. The prompt is plain English prose of a calibrated length, so
 * the real endpoint tokenizes it like ordinary traffic and the mock echoes enough of it to fill
 * {@code max_tokens} (no refund: the plan's charge per request is exact).
 */
public final class Prompts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROSE = "The quarterly report shows steady growth in every region, and the team "
            + "expects the new service to handle twice the traffic by the end of the year. ";
    static final String TOOL_USE_ID = "toolu_01LoadTestWeatherCall0001";

    private Prompts() {}

    /** Prose of exactly {@code chars} characters. */
    public static String prose(int chars) {
        StringBuilder b = new StringBuilder(chars + PROSE.length());
        while (b.length() < chars) {
            b.append(PROSE);
        }
        return b.substring(0, Math.max(1, chars));
    }

    /** A one-turn Messages body; {@code maxTokens < 0} leaves it out (count_tokens refuses it). */
    public static String message(String model, String text, long maxTokens, boolean stream) {
        ObjectNode body = base(model, maxTokens, stream);
        user(body.putArray("messages"), text);
        return body.toString();
    }

    /** First turn of a tool loop: the model may call get_weather. */
    public static String toolCall(String model, String text, long maxTokens) {
        ObjectNode body = base(model, maxTokens, false);
        tools(body);
        user(body.putArray("messages"), text + "\nWhat is the weather in Paris?");
        return body.toString();
    }

    /** Second turn: the tool's result comes back; the model answers in text. */
    public static String toolResult(String model, String text, long maxTokens) {
        ObjectNode body = base(model, maxTokens, false);
        tools(body);
        ArrayNode messages = body.putArray("messages");
        user(messages, text + "\nWhat is the weather in Paris?");
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        ObjectNode call = assistant.putArray("content").addObject();
        call.put("type", "tool_use").put("id", TOOL_USE_ID).put("name", "get_weather");
        call.putObject("input").put("city", "Paris");
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", TOOL_USE_ID).put("content", "18 C, clear sky");
        return body.toString();
    }

    private static ObjectNode base(String model, long maxTokens, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        if (maxTokens >= 0) {
            body.put("max_tokens", maxTokens);
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static void user(ArrayNode messages, String text) {
        messages.addObject().put("role", "user").put("content", text);
    }

    private static void tools(ObjectNode body) {
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", "get_weather").put("description", "Current weather for a city");
        ObjectNode schema = tool.putObject("input_schema").put("type", "object");
        schema.putObject("properties").putObject("city").put("type", "string");
        schema.putArray("required").add("city");
        body.putObject("tool_choice").put("type", "auto");
    }
}
