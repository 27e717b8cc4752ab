package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.admin.MockControls;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.RequestPipeline;
import dev.mantlemock.testing.CapturedResponse;
import dev.mantlemock.wire.SseEncoder;
import dev.mantlemock.wire.StreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing of everything a request passes through before an answer: auth header
 * parsing, version and beta headers, JSON parsing, validation, feature policy, token counting and
 * answer generation. Whatever the input, the answer is a 2xx or a 4xx in the Anthropic envelope with
 * a request id; never a 5xx, an exception or a hang.
 *
 * <p>In {@code mvn verify} it fuzzes for a bounded time (the surefire {@code fuzz} execution sets
 * {@code JAZZER_FUZZ=1}); without that variable it only replays the inputs found so far.
 */
class RequestFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fuzz-timer");
        t.setDaemon(true);
        return t;
    });
    private static final RequestPipeline PIPELINE = pipeline();
    private static final String[] VERSIONS = {"2023-06-01", "2026-10-21", "", "2023-06-01 ", "1999-01-01"};

    private static RequestPipeline pipeline() {
        MockConfig config = new MockConfig();
        config.quota.enabled = false; // the fuzzer would only meet 429s once it has spent the quota
        config.journal.size = 0;
        Clock clock = Clock.systemUTC();
        return MockServer.pipeline(config, clock, MockServer.controls(config, clock), new StreamWriter(TIMER, new SseEncoder(0)));
    }

    /** Valid requests the fuzzer starts from, so most inputs get past parsing into the deeper stages. */
    private static final String[] SEEDS = {
        "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        "{\"model\":\"anthropic.claude-opus-4-7\",\"max_tokens\":3000,\"stream\":true,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                + "\"days\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1}}},\"required\":[\"city\"]}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}",
        "{\"model\":\"anthropic.claude-opus-4-8\",\"max_tokens\":200,\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"any\"},\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]}]}",
        "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":300,\"stop_sequences\":[\"END\"],\"output_config\":{\"format\":"
                + "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":{\"enum\":[1,2]}},\"$defs\":{}}}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\","
                + "\"media_type\":\"text/plain\",\"data\":\"Grass is green.\"},\"citations\":{\"enabled\":true}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
                + "{\"type\":\"text\",\"text\":\"Colour? END\"}]}]}",
    };

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"model", "max_tokens", "messages", "role", "user", "assistant", "system", "content", "type", "text",
        "tools", "tool_choice", "tool_use", "tool_result", "tool_use_id", "input_schema", "thinking", "budget_tokens",
        "enabled", "adaptive", "display", "omitted", "stream", "stop_sequences", "cache_control", "ephemeral", "ttl", "1h",
        "document", "source", "citations", "image", "base64", "url", "file", "media_type", "output_config", "format",
        "json_schema", "schema", "properties", "required", "$ref", "enum", "items", "anyOf", "temperature", "top_k",
        "mcp_servers", "container", "web_search_20250305", "memory_20250818", "redacted_thinking", "signature",
        "AWS4-HMAC-SHA256 Credential=", "SignedHeaders=", "Signature=", "bedrock-api-key-", "ABSK"})
    void anyRequestGetsAWellFormedAnswer(FuzzedDataProvider data) throws Exception {
        Endpoint endpoint = data.consumeInt(0, 4) == 0 ? Endpoint.COUNT_TOKENS : Endpoint.MESSAGES;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8080"));
        switch (data.consumeInt(0, 7)) {
            case 0 -> headers.put("authorization", List.of(data.consumeString(300)));
            case 1 -> headers.put("authorization", List.of("AWS4-HMAC-SHA256 " + data.consumeString(300)));
            case 2 -> headers.put("x-api-key", List.of("bedrock-api-key-" + data.consumeString(200)));
            case 3 -> { }
            default -> headers.put("x-api-key", List.of("fuzz-key"));
        }
        if (data.consumeInt(0, 7) == 0) {
            headers.put("x-amz-date", List.of(data.consumeString(20)));
        }
        headers.put("anthropic-version", List.of(data.consumeInt(0, 7) == 0 ? data.consumeString(12) : data.pickValue(VERSIONS)));
        if (data.consumeInt(0, 3) == 0) {
            headers.put("anthropic-beta", List.of(data.consumeString(60)));
        }
        headers.put("content-type", List.of(data.consumeInt(0, 9) == 0 ? data.consumeString(30) : "application/json"));
        String body = data.consumeInt(0, 9) == 0 ? data.consumeRemainingAsString() : JsonMutator.mutate(data.pickValue(SEEDS), data);
        HttpRequestView view = new HttpRequestView("POST", "/anthropic" + endpoint.path(), "", headers,
                body.getBytes(StandardCharsets.UTF_8));
        Exchange exchange = new Exchange("req_fuzz", endpoint, view, Instant.now(), System.nanoTime());
        CapturedResponse response = new CapturedResponse();

        CompletableFuture<Void> done = PIPELINE.handle(exchange, response);

        done.get(10, TimeUnit.SECONDS);

        assertThat(response.status).as(body).isBetween(200, 499);
        assertThat(response.headers).containsKey("request-id");
        if (response.status >= 400) {
            JsonNode envelope = JSON.readTree(response.body());
            assertThat(envelope.path("type").asText()).isEqualTo("error");
            assertThat(envelope.path("error").path("message").asText()).isNotEmpty();
            assertThat(envelope.path("request_id").asText()).isEqualTo("req_fuzz");
        }
    }
}
