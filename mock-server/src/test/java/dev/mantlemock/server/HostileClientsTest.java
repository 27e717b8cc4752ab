package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RunningMock;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that misbehave at the connection level: oversized headers, garbage, slow senders, idle
 * sockets by the thousand. Each gets a bounded answer and leaves nothing behind. Streams abandoned
 * halfway, by the ten thousand, are {@link AbortedStreamsIT}'s, and a flood of clients {@link SaturationIT}'s
 * (both run by {@code mvn verify}).
 */
class HostileClientsTest {

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass(c -> {
            c.connections.idleTimeoutSeconds = 1;
            c.connections.bodyReadTimeoutSeconds = 1;
        });

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", mock.server().port());
        s.setSoTimeout(15_000);
        return s;
    }

    private static String exchange(String request) throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void byDefaultTheMockListensOnLoopbackOnly() {
        assertThat(mock.server().boundHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void hugeHeadersGet431InTheEnvelope() throws Exception {
        String response = exchange("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nx-padding: " + "a".repeat(64 * 1024)
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431").containsIgnoringCase("request-id: req_")
                .contains("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"").doesNotContain("<html");
    }

    @Test
    void aGarbledRequestLineGets400InTheEnvelope() throws Exception {
        String response = exchange("GARBAGE\u0001 / NOT-HTTP\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"type\":\"error\"").doesNotContain("<html");
    }

    @Test
    void aClientTricklingItsBodyGets408OnceTheBodyDeadlinePasses() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\n"
                    + "content-type: application/json\r\ncontent-length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = null;
            for (int i = 0; i < 40 && status == null; i++) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(100);
                if (s.getInputStream().available() > 0) {
                    break;
                }
            }
            status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 408");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void thousandsOfIdleConnectionsDoNotStopTheMockFromAnswering() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                idle.add(new Socket("127.0.0.1", mock.server().port()));
            }
            assertThat(mock.postMessages("{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":20,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}").statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }
}
