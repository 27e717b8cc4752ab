package dev.mantlemock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker run} of the image, as docs/container.md gives it, answers the README's curl command (read
 * from the README, so the two cannot drift apart), with only the port changed to a free one.
 */
@ExtendWith(DockerEngine.class)
@Timeout(300)
class ReadmeCurlTest {
    private static final Pattern CURL = Pattern.compile("```sh\\n(curl http://127\\.0\\.0\\.1:8080/anthropic/v1/messages.*?)```", Pattern.DOTALL);

    @Test
    void dockerRunOfTheImageAnswersTheReadmesCurlCommand() throws Exception {
        String image = System.getenv("MANTLE_MOCK_IMAGE");
        Assumptions.assumeTrue(image != null, "MANTLE_MOCK_IMAGE names no image (docker/build-local.sh builds one)");
        Path root = Path.of(System.getProperty("mantlemock.projectRoot", ".."));
        Matcher m = CURL.matcher(Files.readString(root.resolve("README.md")));
        assertThat(m.find()).as("the README's curl command").isTrue();
        int port = freePort();
        String container = "mantle-mock-readme-" + port;

        String id = run(List.of("docker", "run", "-d", "--rm", "--name", container, "-p", "127.0.0.1:" + port + ":8080", image));
        try {
            String curl = m.group(1).replace("127.0.0.1:8080", "127.0.0.1:" + port);
            String answer = "";
            for (int attempt = 0; attempt < 120 && !answer.contains("\"type\":\"message\""); attempt++) {
                answer = run(List.of("bash", "-c", curl + " --silent --max-time 10"));
                if (!answer.contains("\"type\":\"message\"")) {
                    Thread.sleep(500); // the JVM inside is still starting: the port is published before it listens
                }
            }
            assertThat(answer).as("curl's answer (container %s)", id.trim()).contains("\"type\":\"message\"")
                    .contains("\"model\":\"anthropic.claude-haiku-4-5\"").contains("\"stop_reason\":\"end_turn\"");
        } finally {
            run(List.of("docker", "rm", "-f", container));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
