package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.Session;
import dev.mantlemock.contract.client.SseEvent;
import dev.mantlemock.contract.client.WireResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SSE lifecycle of a streamed message, as the docs describe it and the SDK accumulators rely on. */
public final class StreamingContracts {
    private StreamingContracts() {}

    public static final Contract EVENT_ORDER = new Contract("stream.event-order", "streaming",
            "A stream is message_start, then per block start/deltas/stop with indices 0,1,2..., then message_delta, then message_stop",
            Needs.NOTHING, s -> {
                List<SseEvent> events = streamRaw(s, Requests.rawStream(s, "Count from one to five in words.", 64));
                assertLifecycle(events);
            });

    public static final Contract CUMULATIVE_USAGE = new Contract("stream.usage-is-cumulative", "streaming",
            "message_start reports the input tokens; message_delta's output_tokens is the running total, so a stream cut at max_tokens ends on exactly max_tokens",
            Needs.NOTHING, s -> {
                int maxTokens = 16;
                List<SseEvent> events = streamRaw(s, Requests.rawStream(s, Requests.LONG_ANSWER, maxTokens));
                JsonNode start = first(events, "message_start").path("message").path("usage");
                assertThat(start.path("input_tokens").asLong()).as("message_start usage.input_tokens").isPositive();
                long previous = start.path("output_tokens").asLong(0);
                List<SseEvent> deltas = events.stream().filter(e -> e.type().equals("message_delta")).toList();
                assertThat(deltas).as("message_delta events").isNotEmpty();
                for (SseEvent delta : deltas) {
                    long total = delta.data().path("usage").path("output_tokens").asLong(-1);
                    assertThat(total).as("message_delta usage.output_tokens never goes down").isGreaterThanOrEqualTo(previous);
                    previous = total;
                }
                JsonNode last = deltas.get(deltas.size() - 1).data();
                assertThat(last.path("delta").path("stop_reason").asText()).as("final stop_reason").isEqualTo("max_tokens");
                assertThat(previous).as("final usage.output_tokens of a stream cut at max_tokens").isEqualTo(maxTokens);
            });

    public static final Contract ACCUMULATES = new Contract("stream.accumulates-to-final-message", "streaming",
            "What the SDK accumulates from a stream is the final message: its content is the deltas joined, its stop reason and usage those of the last message_delta",
            Needs.NOTHING, s -> {
                Session.Streamed streamed = s.stream(Requests.hello(s).build());
                Message message = streamed.message();
                message.validate();
                List<RawMessageStreamEvent> events = streamed.events();
                assertThat(message.id()).as("id").isEqualTo(events.get(0).asMessageStart().message().id());
                long blocks = events.stream().filter(RawMessageStreamEvent::isContentBlockStart).count();
                assertThat(message.content()).as("one content block per content_block_start").hasSize((int) blocks);
                Map<Long, StringBuilder> text = new HashMap<>();
                events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).map(RawMessageStreamEvent::asContentBlockDelta)
                        .filter(d -> d.delta().isText())
                        .forEach(d -> text.computeIfAbsent(d.index(), i -> new StringBuilder()).append(d.delta().asText().text()));
                for (int i = 0; i < message.content().size(); i++) {
                    ContentBlock block = message.content().get(i);
                    if (block.isText()) {
                        assertThat(block.asText().text()).as("text of block %d", i).isEqualTo(text.getOrDefault((long) i, new StringBuilder()).toString());
                    }
                }
                var lastDelta = events.stream().filter(RawMessageStreamEvent::isMessageDelta).map(RawMessageStreamEvent::asMessageDelta)
                        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no message_delta"));
                assertThat(message.stopReason()).as("stop reason").isEqualTo(lastDelta.delta().stopReason());
                assertThat(message.usage().outputTokens()).as("output tokens").isEqualTo(lastDelta.usage().outputTokens());
                assertThat(message.usage().outputTokens()).as("output tokens").isPositive();
            });

    public static final Contract TOOL_INPUT_DELTAS = new Contract("stream.tool-input-as-json-deltas", "streaming",
            "A streamed tool_use block starts with an empty input and sends it as input_json_delta fragments that join into a JSON object",
            Needs.NOTHING, s -> {
                List<SseEvent> events = streamRaw(s, Requests.withForcedWeatherTool(Requests.rawStream(s, Requests.WEATHER_QUESTION, 200)));
                assertLifecycle(events);
                SseEvent start = events.stream().filter(e -> e.type().equals("content_block_start")
                        && e.data().path("content_block").path("type").asText().equals("tool_use")).findFirst()
                        .orElseThrow(() -> new AssertionError("no tool_use block started although the tool was forced"));
                JsonNode block = start.data().path("content_block");
                assertThat(block.path("id").asText()).as("tool_use id").startsWith("toolu_");
                assertThat(block.path("name").asText()).as("tool name").isEqualTo("get_weather");
                assertThat(block.path("input").isObject() && block.path("input").isEmpty()).as("input starts empty: %s", block).isTrue();
                List<SseEvent> fragments = events.stream().filter(e -> e.type().equals("content_block_delta") && e.index() == start.index()).toList();
                assertThat(fragments).as("deltas of the tool_use block").isNotEmpty()
                        .allSatisfy(e -> assertThat(e.data().path("delta").path("type").asText()).isEqualTo("input_json_delta"));
                StringBuilder json = new StringBuilder();
                fragments.forEach(e -> json.append(e.data().path("delta").path("partial_json").asText()));
                JsonNode input = Requests.JSON.readTree(json.toString());
                assertThat(input.isObject()).as("joined partial_json is an object: %s", json).isTrue();
                assertThat(input.path("city").isTextual()).as("the required 'city' is a string: %s", json).isTrue();
            });

    static List<SseEvent> streamRaw(Session s, JsonNode body) {
        WireResponse response = s.wire().post("/v1/messages", body.toString());
        assertThat(response.status()).as("HTTP status (body %s)", response.preview()).isEqualTo(200);
        assertThat(response.header("content-type")).get().asString().startsWith("text/event-stream");
        List<SseEvent> events = response.events();
        return events;
    }

    static JsonNode first(List<SseEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + names(events))).data();
    }

    /** The order rules of the docs; ping and unknown event types may appear anywhere and are ignored. */
    static void assertLifecycle(List<SseEvent> all) {
        for (SseEvent e : all) {
            assertThat(e.type()).as("the data's type equals the event name").isEqualTo(e.name());
        }
        List<SseEvent> events = all.stream().filter(e -> KNOWN.contains(e.type())).toList();
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.get(0).type()).as("first event of %s", names(all)).isEqualTo("message_start");
        JsonNode startMessage = events.get(0).data().path("message");
        assertThat(startMessage.path("content").isArray() && startMessage.path("content").isEmpty())
                .as("message_start has empty content").isTrue();
        assertThat(startMessage.path("stop_reason").isNull()).as("message_start stop_reason is null").isTrue();
        assertThat(events.get(events.size() - 1).type()).as("last event of %s", names(all)).isEqualTo("message_stop");
        int next = 0;
        int open = -1;
        boolean delta = false;
        for (SseEvent e : events.subList(1, events.size() - 1)) {
            String where = e.type() + " at position " + all.indexOf(e) + " of " + names(all);
            switch (e.type()) {
                case "content_block_start" -> {
                    assertThat(open).as("no block is open at %s", where).isEqualTo(-1);
                    assertThat(delta).as("no block starts after message_delta: %s", where).isFalse();
                    assertThat(e.index()).as("index of %s", where).isEqualTo(next);
                    open = e.index();
                }
                case "content_block_delta" -> assertThat(e.index()).as("index of %s (open block %d)", where, open).isEqualTo(open).isNotEqualTo(-1);
                case "content_block_stop" -> {
                    assertThat(e.index()).as("index of %s (open block %d)", where, open).isEqualTo(open).isNotEqualTo(-1);
                    open = -1;
                    next++;
                }
                case "message_delta" -> {
                    assertThat(open).as("every block is stopped before %s", where).isEqualTo(-1);
                    assertThat(e.data().path("usage").path("output_tokens").isIntegralNumber()).as("usage.output_tokens in %s", where).isTrue();
                    delta = true;
                }
                case "message_start", "message_stop" -> throw new AssertionError("a second " + where);
                default -> { }
            }
        }
        assertThat(next).as("content blocks streamed").isPositive();
        assertThat(delta).as("a message_delta before message_stop in %s", names(all)).isTrue();
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("message_start", "content_block_start",
            "content_block_delta", "content_block_stop", "message_delta", "message_stop");

    static String names(List<SseEvent> events) {
        return events.stream().map(e -> e.index() >= 0 ? e.type() + "[" + e.index() + "]" : e.type()).toList().toString();
    }

    public static List<Contract> all() {
        return List.of(EVENT_ORDER, CUMULATIVE_USAGE, ACCUMULATES, TOOL_INPUT_DELTAS);
    }
}
