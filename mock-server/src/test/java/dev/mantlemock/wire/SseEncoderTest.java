package dev.mantlemock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEncoderTest {
    private static final InputTokens INPUT = InputTokens.uncached(12);

    private final List<ObjectNode> blocks = List.of(
            block("{\"type\":\"thinking\",\"thinking\":\"Rivers are long; this needs a moment of thought.\",\"signature\":\"sig-1\"}"),
            block("{\"type\":\"text\",\"text\":\"The Nile is long 😀 and the Amazon is longer by some counts.\","
                    + "\"citations\":[{\"type\":\"char_location\",\"cited_text\":\"Nile\"}]}"),
            block("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris, the capital of France\"}}"),
            block("{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_time\",\"input\":{}}"));
    private final Answer answer = new Answer(blocks, "tool_use", null, 41);

    @Test
    void eventsComeInTheMessagesApiOrderBlockByBlock() {
        List<String> types = new ArrayList<>();
        for (SseEvent e : new SseEncoder(0).events("msg_1", "m", answer, INPUT)) {
            types.add(e.name() + (e.data().has("delta") ? ":" + e.data().path("delta").path("type").asText() : ""));
        }
        assertThat(types).startsWith("message_start", "content_block_start", "ping", "content_block_delta:thinking_delta")
                .endsWith("content_block_start", "content_block_delta:input_json_delta", "content_block_stop",
                        "message_delta:", "message_stop")
                .contains("content_block_delta:signature_delta", "content_block_delta:citations_delta")
                .containsSubsequence("content_block_delta:signature_delta", "content_block_stop", "content_block_start",
                        "content_block_delta:citations_delta", "content_block_delta:text_delta");
        assertThat(types.stream().filter(t -> t.equals("content_block_start"))).hasSize(4);
        assertThat(types.stream().filter(t -> t.equals("ping"))).hasSize(1);
    }

    @Test
    void theStreamAccumulatesToTheAnswerAndItsDeltasCarryAllItsTokens() {
        StreamAccumulator acc = new StreamAccumulator();
        int tokens = 0;
        for (SseEvent e : new SseEncoder(3).events("msg_1", "m", answer, INPUT)) {
            acc.accept(e);
            tokens += e.tokens();
        }
        // as the SDK types declare them: citations on text, the caller on tool_use
        assertThat(acc.content()).isEqualTo(blocks.stream().map(MessageJson.DEFAULT::block).toList());
        assertThat(acc.content().get(2).path("caller").path("type").asText()).isEqualTo("direct");
        assertThat(tokens).isEqualTo(41);
    }

    @Test
    void aToolCalledWithNoInputStillGetsOneEmptyInputJsonDelta() {
        List<SseEvent> lastBlock = new SseEncoder(0).events("msg_1", "m", answer, INPUT).stream()
                .filter(e -> e.blockIndex() == 3 && e.delta()).toList();
        assertThat(lastBlock).singleElement()
                .satisfies(e -> assertThat(e.data().path("delta").path("partial_json").asText()).isEmpty());
    }

    @Test
    void aPingFollowsEveryNthEventButNeverSplitsTheEnding() {
        List<SseEvent> events = new SseEncoder(2).events("msg_1", "m", answer, INPUT);
        List<String> names = events.stream().map(SseEvent::name).toList();
        int sincePing = 0;
        for (String name : names.subList(0, names.size() - 3)) {
            sincePing = name.equals("ping") ? 0 : sincePing + 1;
            assertThat(sincePing).as("events in a row without a ping").isLessThanOrEqualTo(2);
        }
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("content_block_stop", "message_delta", "message_stop");
        for (int i = 1; i < names.size(); i++) {
            assertThat(names.get(i - 1).equals("ping") && names.get(i).equals("ping")).as("two pings in a row at %d", i).isFalse();
        }
    }

    @Test
    void deltasFramedByHandAreByteForByteWhatJacksonWouldWrite() {
        String tricky = "She said \\\"hi\\\" \\\\ then\\ttabbed\\n\\u0001\\u001f caf\\u00e9 \\u2028 </script> a/b 😀 \\u007f";
        Answer hard = new Answer(List.of(
                block("{\"type\":\"thinking\",\"thinking\":\"" + tricky + "\",\"signature\":\"s\"}"),
                block("{\"type\":\"text\",\"text\":\"" + tricky + "\"}"),
                block("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{\"q\":\"" + tricky + "\"}}")),
                "tool_use", null, 30);
        int deltas = 0;
        for (SseEvent e : new SseEncoder(0).events("msg_1", "m", hard, INPUT)) {
            assertThat(new String(e.frame(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(SseEncoder.frame(e.name(), e.data()), java.nio.charset.StandardCharsets.UTF_8));
            deltas += e.delta() ? 1 : 0;
        }
        assertThat(deltas).isGreaterThan(10);
    }

    private static ObjectNode block(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
