package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.config.MockConfig;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.RequestPipeline;
import dev.mantlemock.policy.ModelCatalogue;
import dev.mantlemock.testing.CapturedResponse;
import dev.mantlemock.testing.PropertyRunner;
import dev.mantlemock.testing.RandomSchemas;
import dev.mantlemock.testing.Sse;
import dev.mantlemock.wire.SseEncoder;
import dev.mantlemock.wire.StreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The mock never refuses its own answers: random conversations across every served model (read from
 * the catalogue, so a model added to models.yaml is covered) x thinking mode x tools x tool_choice x
 * streaming, each at least three turns long. Every answer is appended as the SDKs' agent loops do, tool
 * calls get tool results, and every request must be answered 200. In process, through the whole
 * request path ({@code MockServer.pipeline}, the shipped fixtures loaded), so 10,000 conversations
 * take seconds; a failure is shrunk to the smallest conversation that still fails.
 */
class OwnAnswersPropertyTest {
    static final int CONVERSATIONS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two timer threads, as the server has: streams are written by the timer, and the conversations run on every core. */
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "property-timer");
        t.setDaemon(true);
        return t;
    });
    private static final MockConfig CONFIG = config();
    private static final RequestPipeline PIPELINE = MockServer.pipeline(CONFIG, Clock.systemUTC(),
            MockServer.controls(CONFIG, Clock.systemUTC()), new StreamWriter(TIMER, new SseEncoder(0)));
    private static final List<ModelSpec> MODELS = served();

    private static MockConfig config() {
        MockConfig config = new MockConfig();
        config.quota.enabled = false; // thousands of requests would otherwise meet the quota, not the rules
        config.journal.size = 0;
        config.fixtures = "shipped"; // as java -jar serves them: they must not answer an ordinary request
        return config;
    }

    private static List<ModelSpec> served() {
        ModelCatalogue catalogue = ModelCatalogue.load(CONFIG.models, CONFIG.servesOffMantleModels());
        return catalogue.ids().stream().map(id -> catalogue.find(id).orElseThrow()).toList();
    }

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    /**
     * One conversation's settings; the same value always replays the same requests.
     *
     * @param thinking   absent, or a {@code thinking.type} the model accepts
     * @param display    null, summarized or omitted
     * @param toolChoice absent, auto, any, tool or none
     */
    record Conversation(String model, String thinking, String display, List<JsonNode> tools, String toolChoice,
            boolean stream, int maxTokens, List<String> stopSequences, int turns, long seed) {
        @Override
        public String toString() {
            return "model=" + model + " thinking=" + thinking + " display=" + display + " tool_choice=" + toolChoice
                    + " stream=" + stream + " max_tokens=" + maxTokens + " stop_sequences=" + stopSequences + " turns=" + turns
                    + " seed=" + seed + "\ntools=" + tools;
        }

        Conversation with(int fewerTurns, boolean streamed, String shownAs, List<JsonNode> someTools, List<String> stops) {
            return new Conversation(model, thinking, shownAs, someTools, toolChoice, streamed, maxTokens, stops, fewerTurns, seed);
        }
    }

    @Test
    void noRequestIsRefusedForContentTheMockProduced() {
        assertThat(MODELS).isNotEmpty();

        int tried = PropertyRunner.check("the mock accepts its own answers", CONVERSATIONS, OwnAnswersPropertyTest::draw,
                OwnAnswersPropertyTest::simpler, OwnAnswersPropertyTest::whyRefused);

        assertThat(tried).isEqualTo(CONVERSATIONS);
    }

    static Conversation draw(SplittableRandom rnd) {
        ModelSpec model = MODELS.get(rnd.nextInt(MODELS.size()));
        List<String> modes = new ArrayList<>(model.capabilities().thinkingModes());
        modes.sort(null);
        modes.add("absent");
        String thinking = modes.get(rnd.nextInt(modes.size()));
        String display = thinking.equals("enabled") || thinking.equals("adaptive")
                ? new String[] {null, "summarized", "omitted"}[rnd.nextInt(3)] : null;
        List<JsonNode> tools = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            ObjectNode tool = JSON.createObjectNode().put("name", "tool_" + i).put("description", "Tool number " + i);
            tool.set("input_schema", RandomSchemas.inputSchema(rnd));
            tools.add(tool);
        }
        // What the model does with this request: a request without thinking gets the model's default.
        boolean thinks = !thinking.equals("disabled") && (!thinking.equals("absent") || model.capabilities().thinkingOnByDefault());
        // Forced choices only where the request may have them at all: with thinking off, on a model that takes them.
        boolean forcing = !thinks && model.capabilities().forcedToolChoice();
        String[] choices = tools.isEmpty() ? new String[] {"absent"}
                : forcing ? new String[] {"absent", "auto", "any", "tool", "none"} : new String[] {"absent", "auto", "none"};
        int maxTokens = thinking.equals("enabled") ? 1025 + rnd.nextInt(4000)
                : new int[] {1, 16, 64, 256, 1024, 4096}[rnd.nextInt(6)];
        // Stop sequences the generator's text is likely to hold (it echoes the user's words), in one conversation of four.
        List<String> stops = rnd.nextInt(4) == 0 ? List.of(WORDS[rnd.nextInt(WORDS.length)], " " + WORDS[rnd.nextInt(WORDS.length)]) : List.of();
        return new Conversation(model.id(), thinking, display, tools, choices[rnd.nextInt(choices.length)],
                rnd.nextBoolean(), maxTokens, stops, 3 + rnd.nextInt(3), rnd.nextLong());
    }

    /** One step simpler: fewer turns, fewer tools, simpler schemas, no stream, no display, an easier choice. */
    static List<Conversation> simpler(Conversation c) {
        List<Conversation> out = new ArrayList<>();
        if (c.turns() > 1) {
            out.add(c.with(c.turns() - 1, c.stream(), c.display(), c.tools(), c.stopSequences()));
        }
        if (c.stream()) {
            out.add(c.with(c.turns(), false, c.display(), c.tools(), c.stopSequences()));
        }
        if (c.display() != null) {
            out.add(c.with(c.turns(), c.stream(), null, c.tools(), c.stopSequences()));
        }
        if (!c.stopSequences().isEmpty()) {
            out.add(c.with(c.turns(), c.stream(), c.display(), c.tools(), List.of()));
        }
        for (int i = c.tools().size() - 1; i >= 0; i--) {
            List<JsonNode> fewer = new ArrayList<>(c.tools());
            String removed = fewer.remove(i).path("name").asText();
            boolean named = c.toolChoice().equals("tool") && removed.equals(c.tools().get(0).path("name").asText());
            if (!named && !fewer.isEmpty()) {
                out.add(c.with(c.turns(), c.stream(), c.display(), fewer, c.stopSequences()));
            }
        }
        for (int i = 0; i < c.tools().size(); i++) {
            for (JsonNode schema : RandomSchemas.simpler(c.tools().get(i).path("input_schema"))) {
                List<JsonNode> tools = new ArrayList<>(c.tools());
                tools.set(i, ((ObjectNode) tools.get(i).deepCopy()).set("input_schema", schema));
                out.add(c.with(c.turns(), c.stream(), c.display(), tools, c.stopSequences()));
            }
        }
        return out;
    }

    /** Plays the conversation; null when every turn was answered 200, else the turn, the status and the error. */
    static String whyRefused(Conversation c) {
        SplittableRandom rnd = new SplittableRandom(c.seed());
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text").put("text", sentence(rnd));
        for (int turn = 1; turn <= c.turns(); turn++) {
            ObjectNode body = body(c, messages);
            CapturedResponse response = send(body);
            if (response.status != 200) {
                return "turn " + turn + " got " + response.status + ": " + response.body() + "\nrequest: " + body;
            }
            JsonNode message = c.stream() ? accumulated(response.body()) : read(response.body());
            ArrayNode content = (ArrayNode) message.path("content");
            List<String> calls = new ArrayList<>();
            content.forEach(b -> {
                if (b.path("type").asText().equals("tool_use")) {
                    calls.add(b.path("id").asText());
                }
            });
            ArrayNode next = JSON.createArrayNode();
            if (!content.isEmpty()) {
                messages.addObject().put("role", "assistant").set("content", content);
            } else { // nothing was said (max_tokens 1): the user goes on in the same turn
                next = (ArrayNode) messages.get(messages.size() - 1).withArray("content");
            }
            for (String id : calls) {
                next.addObject().put("type", "tool_result").put("tool_use_id", id).put("content", sentence(rnd));
            }
            if (calls.isEmpty() || rnd.nextBoolean()) {
                next.addObject().put("type", "text").put("text", sentence(rnd));
            }
            if (!content.isEmpty()) {
                messages.addObject().put("role", "user").set("content", next);
            }
        }
        return null;
    }

    private static ObjectNode body(Conversation c, ArrayNode messages) {
        ObjectNode body = JSON.createObjectNode().put("model", c.model()).put("max_tokens", c.maxTokens());
        if (c.stream()) {
            body.put("stream", true);
        }
        if (!c.stopSequences().isEmpty()) {
            c.stopSequences().forEach(body.putArray("stop_sequences")::add);
        }
        if (!c.thinking().equals("absent")) {
            ObjectNode thinking = body.putObject("thinking").put("type", c.thinking());
            if (c.thinking().equals("enabled")) {
                thinking.put("budget_tokens", 1024);
            }
            if (c.display() != null) {
                thinking.put("display", c.display());
            }
        }
        if (!c.tools().isEmpty()) {
            body.putArray("tools").addAll(c.tools());
        }
        if (!c.toolChoice().equals("absent")) {
            ObjectNode choice = body.putObject("tool_choice").put("type", c.toolChoice());
            if (c.toolChoice().equals("tool")) {
                choice.put("name", c.tools().get(0).path("name").asText());
            }
        }
        body.set("messages", messages.deepCopy());
        return body;
    }

    private static CapturedResponse send(ObjectNode body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8080"));
        headers.put("x-api-key", List.of("property-test-key"));
        headers.put("anthropic-version", List.of("2023-06-01"));
        headers.put("content-type", List.of("application/json"));
        HttpRequestView view = new HttpRequestView("POST", "/anthropic" + Endpoint.MESSAGES.path(), "", headers,
                body.toString().getBytes(StandardCharsets.UTF_8));
        CapturedResponse response = new CapturedResponse();
        try {
            PIPELINE.handle(new Exchange("req_property", Endpoint.MESSAGES, view, Instant.now(), System.nanoTime()), response)
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the request did not finish: " + body, e);
        }
        return response;
    }

    /** The message an SDK's stream accumulator builds from the events. */
    static ObjectNode accumulated(String sse) {
        ObjectNode message = null;
        for (Sse.Event event : Sse.parse(sse)) {
            JsonNode data = event.data();
            switch (event.name()) {
                case "message_start" -> message = (ObjectNode) data.path("message").deepCopy();
                case "content_block_start" -> ((ArrayNode) message.withArray("content")).add(data.path("content_block").deepCopy());
                case "content_block_delta" -> delta((ObjectNode) message.path("content").get(data.path("index").asInt()), data.path("delta"));
                case "content_block_stop" -> {
                    ObjectNode block = (ObjectNode) message.path("content").get(data.path("index").asInt());
                    if (block.has("partial_json")) {
                        String partial = block.remove("partial_json").asText();
                        block.set("input", read(partial.isEmpty() ? "{}" : partial));
                    }
                }
                case "message_delta" -> message.setAll((ObjectNode) data.path("delta"));
                default -> { }
            }
        }
        return message;
    }

    private static void delta(ObjectNode block, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> block.put("text", block.path("text").asText() + delta.path("text").asText());
            case "thinking_delta" -> block.put("thinking", block.path("thinking").asText() + delta.path("thinking").asText());
            case "signature_delta" -> block.put("signature", delta.path("signature").asText());
            case "citations_delta" -> block.withArray("citations").add(delta.path("citation"));
            case "input_json_delta" -> block.put("partial_json", block.path("partial_json").asText("") + delta.path("partial_json").asText());
            default -> { }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static final String[] WORDS = {"weather", "Paris", "tomorrow", "please", "check", "the", "list", "again", "why", "ok"};

    private static String sentence(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        int n = 2 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return s.toString();
    }
}
