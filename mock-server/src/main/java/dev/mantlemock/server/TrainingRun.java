package dev.mantlemock.server;

import dev.mantlemock.client.ExamplePrincipal;
import dev.mantlemock.client.RequestSigner;
import dev.mantlemock.client.ShortTermKeys;
import dev.mantlemock.client.SigV4Signer;
import dev.mantlemock.config.MockConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -XX:ArchiveClassesAtExit=mock.jsa -jar mock-server.jar --training-run [options]}: starts the mock
 * on a free loopback port, sends it one of each kind of request users send (SigV4 and a short-term key, JSON
 * and a stream, count_tokens, a refused one, health), stops and exits. The JVM then writes every class the
 * start and those requests loaded into an AppCDS archive, and a mock started with
 * {@code -XX:SharedArchiveFile=mock.jsa} maps them instead of loading, verifying and linking them one by one:
 * the container image is built this way (docs/performance.md). Nothing of the run is kept but the archive.
 */
public final class TrainingRun {
    public static final String FLAG = "--training-run";
    private static final int ROUNDS = 3;

    private TrainingRun() {}

    /** @return the exit status: 0 when every request was answered (whatever its status) */
    public static int run(MockConfig config, PrintStream out) {
        config.host = "127.0.0.1";
        config.port = 0;
        config.advertisedUrl = null;
        MockServer server = MockServer.start(config);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            RequestSigner sigv4 = SigV4Signer.forMantle(ExamplePrincipal.credentials(), config.region, "the training run");
            RequestSigner shortTerm = RequestSigner.bearer(ShortTermKeys.forExamplePrincipal(), "the training run");
            // any model the configuration serves: the catalogue is the one place that names them
            String model = dev.mantlemock.policy.ModelCatalogue.load(config.models, config.servesOffMantleModels()).ids().get(0);
            String json = "{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
            String stream = json.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"");
            String count = json.replace("\"max_tokens\":64,", "");   // count_tokens takes no max_tokens
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (RequestSigner signer : List.of(sigv4, shortTerm, RequestSigner.none())) {
                    post(http, base.resolve("/anthropic/v1/messages"), json, signer, statuses);
                    post(http, base.resolve("/anthropic/v1/messages"), stream, signer, statuses);
                    post(http, base.resolve("/anthropic/v1/messages/count_tokens"), count, signer, statuses);
                }
                send(http, HttpRequest.newBuilder(base.resolve("/_mock/health")).GET().build(), statuses);
            }
            out.println("training run: " + statuses.values().stream().mapToInt(Integer::intValue).sum()
                    + " requests answered, by status " + statuses);
            return 0;
        } catch (IOException e) {
            out.println("training run: a request failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            server.close();
        }
    }

    private static void post(HttpClient http, URI uri, String body, RequestSigner signer, Map<Integer, Integer> statuses)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("content-type", "application/json", "anthropic-version", "2023-06-01"));
        headers.putAll(signer.sign("POST", uri, headers, bytes));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                request.header(name, value);
            }
        });
        send(http, request.build(), statuses);
    }

    private static void send(HttpClient http, HttpRequest request, Map<Integer, Integer> statuses) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        statuses.merge(response.statusCode(), 1, Integer::sum);
    }
}
