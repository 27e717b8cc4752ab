package dev.mantlemock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/compose brought up as a user brings it up, with the app CI can build (compose.ci.yaml: the
 * official TypeScript SDK's check, since CI cannot install the Python SDK): the app reaches the mock by
 * its service name, and its exit code is the test's verdict.
 */
@ExtendWith(DockerEngine.class)
@Timeout(900)
class ComposeExampleTest {
    private static final String PROJECT = "mantle-mock-compose-ci";

    @Test
    void theAppBesideTheMockPassesItsChecksThroughTheServiceName() throws Exception {
        Path root = Path.of(System.getProperty("mantlemock.projectRoot", "..")).toAbsolutePath().normalize();
        Path compose = root.resolve("examples/compose");
        require(Files.isDirectory(root.resolve("examples/typescript/node_modules/@anthropic-ai/bedrock-sdk")),
                "examples/typescript has no node_modules: run `npm ci` there (.ci/run does)");
        List<String> cli = composeCommand();
        require(cli != null, "neither `docker compose` nor `docker-compose` is installed (.ci/run installs docker-compose)");
        require(System.getenv("MANTLE_MOCK_IMAGE") != null, "MANTLE_MOCK_IMAGE names no image (docker/build-local.sh builds one)");

        Map<String, String> env = Map.of("MANTLE_MOCK_HOST_PORT", Integer.toString(freePort()));
        List<String> files = List.of("-f", "compose.yaml", "-f", "compose.ci.yaml", "-p", PROJECT);
        try {
            Run up = run(compose, env, cli, files, "up", "--abort-on-container-exit", "--exit-code-from", "app");
            assertThat(up.exitCode()).as("docker compose up, output:%n%s", up.output()).isZero();
            assertThat(up.output()).contains("SigV4 create: end_turn").contains("stream with thinking and a tool call")
                    .contains("bearer key create");
            Run logs = run(compose, env, cli, files, "logs", "mantle-mock");
            assertThat(logs.output()).as("the ready line names the service, not 0.0.0.0")
                    .contains("ANTHROPIC_BEDROCK_MANTLE_BASE_URL=http://mantle-mock:8080/anthropic");
        } finally {
            run(compose, env, cli, files, "down", "--volumes", "--timeout", "5");
        }
    }

    private static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if (System.getenv("CI") != null) {
            Assertions.fail("Under CI: " + why);
        }
        Assumptions.abort(why);
    }

    /** Compose v2 (the docker plugin) where there is one, else v1 (Debian's docker-compose). */
    private static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private record Run(int exitCode, String output) {}

    private static Run run(Path dir, Map<String, String> env, List<String> cli, List<String> files, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(cli);
        command.addAll(files);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
