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

    @Test
    void aLineThatNeverEndsIsRefusedAfterReadingLittleMoreThanItsLimit() {
        long[] read = {0};
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                read[0] += len;
                return len;
            }
        };
        SseReader reader = new SseReader(new java.io.SequenceInputStream(
                new ByteArrayInputStream("data: ".getBytes(StandardCharsets.US_ASCII)), endless), 64 * 1024, 1024 * 1024);

        assertThatThrownBy(reader::next).isInstanceOf(SseReader.TooLarge.class).hasMessageContaining("a line longer than 65536");
        assertThat(read[0]).as("bytes read").isLessThan(64 * 1024 + 32 * 1024);
    }

    @Test
    void anEventOfManyShortLinesIsRefusedPastItsLimitToo() {
        String manyLines = "data: " + "y".repeat(1000) + "\n";
        SseReader reader = new SseReader(new ByteArrayInputStream(manyLines.repeat(200).getBytes(StandardCharsets.US_ASCII)),
                64 * 1024, 100 * 1024);

        assertThatThrownBy(reader::next).isInstanceOf(SseReader.TooLarge.class).hasMessageContaining("an event longer than 102400");
    }

    @Test
    void aBoundedReaderReadsTheSameEventsAsAnUnboundedOne() throws IOException {
        String body = ": keep-alive\r\nid: 7\r\nevent:x\r\ndata:{\"a\":\r\ndata: 1}\r\n\r\ndata: {}\r";
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1024, 1024)) {
            assertThat(reader.next()).isEqualTo(new SseFrame("x", "{\"a\":\n1}"));
            assertThat(reader.next()).isEqualTo(new SseFrame("message", "{}"));
            assertThat(reader.next()).isNull();
        }
        assertThat(SseReader.parse(body)).hasSize(2);
    }
}
