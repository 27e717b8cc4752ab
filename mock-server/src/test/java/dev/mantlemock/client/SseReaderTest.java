package dev.mantlemock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    @Test
    void readsEventsOneAtATimeAndEndsWithNull() throws IOException {
        String body = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
                + "event: ping\ndata: {\"type\": \"ping\"}\n\n";
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.next()).isEqualTo(new SseFrame("message_start", "{\"type\":\"message_start\"}"));
            assertThat(reader.next().type()).isEqualTo("ping");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void joinsDataLinesAndIgnoresCommentsIdsAndAnyLineEnding() {
        List<SseFrame> frames = SseReader.parse(": keep-alive\r\nid: 7\r\nevent:x\r\ndata:{\"a\":\r\ndata: 1}\r\n\r\ndata: {}\r");
        assertThat(frames).containsExactly(new SseFrame("x", "{\"a\":\n1}"), new SseFrame("message", "{}"));
        assertThat(frames.get(0).json().path("a").asInt()).isEqualTo(1);
    }

    @Test
    void anEventWithoutDataIsNoEvent() {
        assertThat(SseReader.parse("event: ping\n\nevent: x\ndata: {}\n\n")).containsExactly(new SseFrame("x", "{}"));
    }

    @Test
    void dataThatIsNotJsonFailsWhenReadAsJson() {
        SseFrame frame = SseReader.parse("event: x\ndata: not json\n\n").get(0);
        assertThatThrownBy(frame::json).isInstanceOf(UncheckedIOException.class).hasMessageContaining("not json");
    }
}
