package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RunningMock;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that closes its connection releases what its request held at once, whatever the request
 * was waiting for: a stream paced to never send its first token, a time to first token of ten minutes,
 * or a latency fault in front of a JSON answer. Raw sockets, closed the ordinary way (FIN).
 */
class DroppedClientsTest {
    private static final int CLIENTS = 40;
    private static final String STREAM = "{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    private static final String JSON = STREAM.replace("\"stream\":true,", "");

    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    @Test
    void streamsPacedToNeverSendReleaseTheirClientsWhenTheyLeave() throws Exception {
        dropAfterFirstEvent(STREAM, "slow_stream;tps=0.01");
        assertReleased();
    }

    @Test
    void streamsWaitingTenMinutesForTheFirstTokenReleaseTheirClientsWhenTheyLeave() throws Exception {
        dropAfterFirstEvent(STREAM, "slow_stream;ttft=600000");
        assertReleased();
    }

    @Test
    void aLatencyFaultInFrontOfAJsonAnswerReleasesAClientThatLeaves() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket s = new Socket("127.0.0.1", mock.server().port());
            s.getOutputStream().write(RawRequest.messages(JSON, "x-mock-fault", "latency;ms=600000"));
            s.getOutputStream().flush();
            sockets.add(s);
        }
        Thread.sleep(300); // the requests reach the fault
        for (Socket s : sockets) {
            s.close();
        }
        assertReleased();
    }

    @Test
    void threeHundredLatencyFaultsHoldNoJettyThreadSoHealthStillAnswers() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) { // more than Jetty's 250 threads
                Socket s = new Socket("127.0.0.1", mock.server().port());
                s.getOutputStream().write(RawRequest.messages(JSON, "x-mock-fault", "latency;ms=600000"));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + mock.server().port() + "/_mock/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertReleased();
    }

    private static void dropAfterFirstEvent(String body, String fault) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket s = new Socket("127.0.0.1", mock.server().port());
            s.setSoTimeout(10_000);
            s.getOutputStream().write(RawRequest.messages(body, "x-mock-fault", fault));
            s.getOutputStream().flush();
            RawRequest.readUntil(s.getInputStream(), "event: message_start");
            sockets.add(s);
        }
        assertThat(mock.server().controls().metrics().openStreamCount()).isEqualTo(CLIENTS);
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** Within seconds, not the minutes the pacing or the fault asked for: no open stream, no waiting timer task. */
    private static void assertReleased() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (mock.server().controls().metrics().openStreamCount() > 0
                || mock.server().pendingPacerTasks() > 0)) {
            Thread.sleep(50);
        }
        assertThat(mock.server().controls().metrics().openStreamCount()).as("open streams").isZero();
        assertThat(mock.server().pendingPacerTasks()).as("tasks waiting on the stream timer").isZero();
        assertThat(mock.get("/_mock/health").statusCode()).isEqualTo(200);
    }
}
