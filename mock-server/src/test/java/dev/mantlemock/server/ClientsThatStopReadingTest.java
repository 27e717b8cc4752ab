package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.testing.RunningMock;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading a stream must cost the mock only that stream: events are written
 * without blocking, so neither the pacing timer's threads nor Jetty's are held while its socket is full.
 */
class ClientsThatStopReadingTest {
    private static final int STALLED = 6; // more than the pacer's two threads

    @TempDir
    static Path fixtures;

    @Test
    void clientsThatStopReadingDoNotHoldUpOtherStreams() throws Exception {
        // ~2 MB of text (~17 MB of events): more than the socket buffers between a client that stops reading and the mock hold
        Files.writeString(fixtures.resolve("long.json"), "{\"name\":\"long\",\"match\":{\"scenario\":\"long\"},"
                // its usage is scripted below max_tokens: the answer is held to the request, and only the bytes matter here
                + "\"response\":{\"content\":[{\"type\":\"text\",\"text\":\"" + "word ".repeat(400_000) + "\"}],"
                + "\"usage\":{\"output_tokens\":50000}},"
                + "\"timing\":{\"time-to-first-token-ms\":10,\"tokens-per-second\":0}}"); // written by the pacing timer, at once
        try (RunningMock mock = RunningMock.start(c -> {
            c.fixtures = fixtures.toString();
            c.streaming.tokensPerSecond = 200.0;
            c.connections.idleTimeoutSeconds = 300; // a blocked write would hold its thread this long
            c.quota.enabled = false; // six streams of 500k tokens would otherwise spend the output quota
        })) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(openAndStopReading(mock.server().port()));
                }
                Thread.sleep(2000); // their socket buffers fill, and their writes would block here

                CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
                    try (var events = mock.client().messages().createStreaming(MessageCreateParams.builder()
                            .model(RunningMock.MODEL).maxTokens(40).addUserMessage("hello").build())) {
                        return events.stream().count();
                    }
                });
                assertThat(other.get(60, TimeUnit.SECONDS)).as("events of a stream opened meanwhile").isGreaterThan(3);
                assertThat(mock.server().controls().metrics().openStreamCount()).as("the stalled streams, still open")
                        .isEqualTo(STALLED);
            } finally {
                for (Socket s : stalled) {
                    s.setSoLinger(true, 0);
                    s.close();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mock.server().controls().metrics().openStreamCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(mock.server().controls().metrics().openStreamCount()).as("streams left once their clients are gone").isZero();
        }
    }

    private static Socket openAndStopReading(int port) throws Exception {
        String body = "{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":60000,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        byte[] request = ("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\n"
                + "x-mock-scenario: long\r\ncontent-type: application/json\r\ncontent-length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(request);
        InputStream in = s.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return s; // and never read again
    }
}
