package dev.mantlemock.contract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import dev.mantlemock.contract.Meter;
import dev.mantlemock.contract.Patience;
import dev.mantlemock.contract.Session;
import dev.mantlemock.contract.Target;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A target that accepts connections and never answers (as a mock whose jar was replaced under it did)
 * fails the contract suite's clients within their timeouts, with a message naming the target and the
 * request, instead of holding the run for the SDK's 10 minutes.
 */
@Timeout(60)
class NoAnswerTest {
    private static final Patience SHORT = new Patience(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();
    private Target target;

    @BeforeEach
    void startASilentServer() throws Exception {
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // read nothing, answer nothing, never close
                }
            } catch (Exception closed) {
                // the test is over
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        target = new Target("url", "http://127.0.0.1:" + silent.getLocalPort() + "/anthropic", "anthropic.claude-haiku-4-5",
                "us-east-1", null, "test-key", false, null, 0);
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void theRawClientGivesUpWithTheTargetAndTheRequestNamed() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new Wire(target, new Meter(), SHORT).post("/v1/messages", "{}"))
                .hasMessageContaining("No answer from target 'url' at " + target.baseUrl())
                .hasMessageContaining("POST /v1/messages did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theSdkGivesUpWithTheTargetAndTheRequestNamed() {
        Session session = new Session(target, SHORT);
        MessageCreateParams params = MessageCreateParams.builder().model(target.model()).maxTokens(10).addUserMessage("hi").build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.create(params))
                .hasMessageContaining("No answer from target 'url' at " + target.baseUrl())
                .hasMessageContaining("POST /v1/messages did not answer");
        assertThatThrownBy(() -> session.stream(params.toBuilder().build()))
                .hasMessageContaining("POST /v1/messages (stream) did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
