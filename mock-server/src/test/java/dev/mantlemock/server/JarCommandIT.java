package dev.mantlemock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

/** The README's command, run as a user runs it: {@code java -jar mock-server/target/mock-server.jar --port N}. */
class JarCommandIT {
    private static final Pattern READY = Pattern.compile("ANTHROPIC_BEDROCK_MANTLE_BASE_URL=(http://127\\.0\\.0\\.1:(\\d+)/anthropic)");

    private static Process run(String... args) throws Exception {
        return run(java.util.Map.of(), args);
    }

    private static Process run(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("mantlemock.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MANTLE_MOCK_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** As the image runs it: configured by environment only, on every interface, behind a name it cannot see. */
    @Test
    void configuredByEnvironmentItPrintsTheAdvertisedUrlAndOpensTheAdminApiToItsTokenUnderTheAllowedName() throws Exception {
        Process mock = run(java.util.Map.of("MANTLE_MOCK_HOST", "0.0.0.0", "MANTLE_MOCK_PORT", "0",
                "MANTLE_MOCK_ADVERTISED_URL", "http://mantle-mock:8080", "MANTLE_MOCK_ADMIN_TOKEN", "s3cret",
                "MANTLE_MOCK_ADMIN_ALLOWED_HOSTS", "mantle-mock"));
        try {
            String line = readyLine(mock);
            Matcher listening = Pattern.compile("listening on 0\\.0\\.0\\.0:(\\d+)").matcher(String.valueOf(line));
            assertThat(line).as("ready line").contains("ANTHROPIC_BEDROCK_MANTLE_BASE_URL=http://mantle-mock:8080/anthropic ")
                    .doesNotContain("=http://0.0.0.0");
            assertThat(listening.find()).as("ready line: %s", line).isTrue();
            int port = Integer.parseInt(listening.group(1));
            String answer = dev.mantlemock.testing.RawRequest.exchange(port, "GET /_mock/requests HTTP/1.1\r\nHost: mantle-mock:8080\r\n"
                    + "Authorization: Bearer s3cret\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(dev.mantlemock.testing.RawRequest.exchange(port, "GET /_mock/requests HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Authorization: Bearer s3cret\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403");
        } finally {
            mock.destroy();
            assertThat(mock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void onEveryInterfaceWithoutAnAdvertisedUrlTheReadyLineSaysLocalhostAndThatTheAdminApiIsOff() throws Exception {
        Process mock = run(java.util.Map.of("MANTLE_MOCK_HOST", "0.0.0.0"), "--port", "0");
        try {
            assertThat(readyLine(mock)).matches(".*ANTHROPIC_BEDROCK_MANTLE_BASE_URL=http://localhost:\\d+/anthropic \\(listening on 0\\.0\\.0\\.0:\\d+,"
                    + " admin API off until an admin token is set, profile preview.*");
        } finally {
            mock.destroy();
            assertThat(mock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String readyLine(Process mock) throws java.io.IOException {
        return new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aMisspelledVariableGivesOneLineAndExitCode2() throws Exception {
        Process mock = run(java.util.Map.of("MANTLE_MOCK_ADMIN_TOKN", "t"), "--port", "0");
        assertThat(mock.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String err = new String(mock.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mock.exitValue()).isEqualTo(2);
        assertThat(err).startsWith("mock-server: unknown environment variable MANTLE_MOCK_ADMIN_TOKN (did you mean MANTLE_MOCK_ADMIN_TOKEN?)");
    }

    @Test
    void theJarStartsPrintsItsBaseUrlAndServesASigV4SignedSdkRequest() throws Exception {
        Process mock = run("--port", "0", "--fixtures", System.getProperty("mantlemock.fixtures"));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = READY.matcher(String.valueOf(line));
            assertThat(m.find()).as("start-up line: %s", line).isTrue();
            assertThat(line).contains("auth: lenient").contains("profile preview");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(2) + "/_mock/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            AnthropicClient client = AnthropicOkHttpClient.builder().backend(BedrockMantleBackend.builder()
                    .awsCredentials(AwsBasicCredentials.create(dev.mantlemock.client.ExamplePrincipal.ACCESS_KEY_ID, dev.mantlemock.client.ExamplePrincipal.SECRET_ACCESS_KEY))
                    .region(Region.US_EAST_1).baseUrl(m.group(1)).build()).build();
            Message message = client.messages().create(MessageCreateParams.builder()
                    .model("anthropic.claude-opus-4-7").maxTokens(100).addUserMessage("Hello, Claude").build());
            assertThat(message.content()).isNotEmpty();
        } finally {
            mock.destroy();
            assertThat(mock.waitFor(10, TimeUnit.SECONDS)).as("the mock stops on SIGTERM").isTrue();
        }
    }

    @Test
    void checkFixturesListsABadFixtureAndExitsNonZeroWithoutStarting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"name\": \"no-call\", \"response\": {\"content\": "
                + "[{\"type\": \"text\", \"text\": \"hi\"}], \"stop_reason\": \"tool_use\"}}");
        Process check = run("--check-fixtures", dir.toString());
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("BAD fixture 'no-call' (bad.json)").contains("1 fixtures checked");
        Process shipped = run("--check-fixtures", System.getProperty("mantlemock.fixtures"));
        assertThat(shipped.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(shipped.exitValue()).isZero();
    }

    @Test
    void theJarWithoutFlagsServesTheShippedFixturesFromInsideItself() throws Exception {
        Process mock = run("--port", "0");
        try {
            String line = new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = READY.matcher(String.valueOf(line));
            assertThat(m.find()).as("start-up line: %s", line).isTrue();
            assertThat(line).contains("fixtures shipped");
            HttpResponse<String> overloaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1) + "/v1/messages"))
                    .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                    .header("x-api-key", "k").header("x-mock-scenario", "overloaded")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":20,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overloaded.statusCode()).isEqualTo(529);
            assertThat(overloaded.body()).contains("overloaded_error");
        } finally {
            mock.destroy();
            assertThat(mock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBadFlagGivesOneLineAndExitCode2() throws Exception {
        Process mock = run("--no-such-flag", "1");
        assertThat(mock.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String err = new String(mock.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(mock.exitValue()).isEqualTo(2);
        assertThat(err).startsWith("mock-server: unknown option '--no-such-flag'").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aTakenPortIsReportedWithoutAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process mock = run("--port", Integer.toString(taken.getLocalPort()));
            assertThat(mock.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String err = new String(mock.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(mock.exitValue()).isEqualTo(1);
            assertThat(err).startsWith("mock-server: could not start").doesNotContain("\tat ")
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    /** docs/performance.md's fast start: a training run writes an AppCDS archive, and a mock started with it maps its classes. */
    @Test
    void aTrainingRunWritesAnArchiveThatTheNextStartLoadsItsRequestPathFrom(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("mantlemock.jar");
        Path archive = dir.resolve("mock.jsa");
        Process training = new ProcessBuilder(javaBin, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar, "--training-run")
                .redirectErrorStream(true).start();
        String out = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(training.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(training.exitValue()).as(out).isZero();
        // signed ones (SigV4, a short-term key) and health with 200, the unsigned ones with 401: every kind served, none refused by mistake
        assertThat(out).as(out).contains("training run: 30 requests answered, by status {200=21, 401=9}");
        assertThat(archive).isNotEmptyFile();

        Path classLog = dir.resolve("classes.log");
        Process mock = new ProcessBuilder(javaBin, "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + classLog,
                "-jar", jar, "--port", "0").start();
        try {
            Matcher ready = READY.matcher(String.valueOf(readyLine(mock)));
            assertThat(ready.find()).isTrue();
            assertThat(dev.mantlemock.testing.RawRequest.exchange(Integer.parseInt(ready.group(2)),
                    "GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        } finally {
            mock.destroy();
            assertThat(mock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(java.nio.file.Files.readString(classLog))
                .contains("dev.mantlemock.pipeline.RequestPipeline source: shared objects file (top)")
                .contains("dev.mantlemock.server.HttpEntry source: shared objects file (top)");
    }
}
