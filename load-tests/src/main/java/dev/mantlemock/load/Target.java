package dev.mantlemock.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import dev.mantlemock.client.MantleTargets;
import dev.mantlemock.client.RequestSigner;

/**
 * Where a run sends its requests and how it signs them: a mock it starts (default) or the real
 * {@code bedrock-mantle} endpoint. The scenarios only see a base URL and a signer, so they run
 * unchanged against either.
 */
public final class Target implements AutoCloseable {
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final String baseUrl;
    private final RequestSigner signer;
    private final MockProcess mock;
    /** The mock's admin root ({@code /_mock/...}), or null against AWS. */
    private final String adminUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Target(String baseUrl, RequestSigner signer, MockProcess mock, String adminUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.signer = signer;
        this.mock = mock;
        this.adminUrl = adminUrl;
    }

    /** Opens the configured target; for the mock, starts it with the quota the run tests. */
    public static Target open(LoadSettings s, String mockStreaming) {
        if (s.targetIsMock()) {
            List<String> args = new ArrayList<>(List.of(
                    "--region", s.region(),
                    "--input-tpm", Long.toString(s.mockQuotaTpm()),
                    "--output-tpm", Long.toString(s.outputQuotaTpm()),
                    "--quota-window", String.format(Locale.ROOT, "%s", s.windowSeconds()),
                    "--streaming", s.mockStreaming(mockStreaming),
                    "--latency-model", s.mockLatencyModel(),
                    "--journal-size", "0"));
            if (s.mockLatencyTable() != null) {
                args.addAll(List.of("--latency-table", s.mockLatencyTable()));
            }
            MockProcess mock = MockProcess.start(s.mockJar(), args);
            return new Target(mock.baseUrl(), signerFor(s, true), mock, mock.adminUrl());
        }
        URI uri = URI.create(s.target());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("load.target must be 'mock' or a base URL like https://bedrock-mantle.us-east-1.api.aws/anthropic, was " + s.target());
        }
        // A mock started elsewhere (several injectors share one): signed as for a mock, its metrics the global truth.
        return new Target(s.target(), signerFor(s, s.mockAdmin() != null), null, s.mockAdmin());
    }

    static RequestSigner signerFor(LoadSettings s, boolean mock) {
        switch (s.auth().toLowerCase(Locale.ROOT)) {
            case "none":
                return RequestSigner.none();
            case "bearer": {
                String key = MantleTargets.bearerKey(System::getenv).orElse(null);
                if (key == null) {
                    if (!mock) {
                        throw new IllegalStateException("load.auth=bearer needs AWS_BEARER_TOKEN_BEDROCK");
                    }
                    // The mock's lenient mode takes any opaque key.
                    return RequestSigner.bearer("load-test-key", "a placeholder (the mock is lenient)");
                }
                return RequestSigner.bearer(key, "AWS_BEARER_TOKEN_BEDROCK");
            }
            case "sigv4":
                return mock
                        ? MantleTargets.mockSigner(s.region())
                        : MantleTargets.chainSigner(s.region());
            default:
                throw new IllegalArgumentException("load.auth must be sigv4, bearer or none, was " + s.auth());
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public RequestSigner signer() {
        return signer;
    }

    public boolean isMock() {
        return adminUrl != null;
    }

    /** The mock's admin root, or null against AWS. */
    public String adminUrl() {
        return adminUrl;
    }

    /**
     * The mock's own per-second counts of Messages requests from {@code fromSecond} up to {@code toSecond}
     * (epoch seconds): what every injector reads alike. Empty against AWS or if the mock cannot be asked.
     */
    public List<com.fasterxml.jackson.databind.JsonNode> serverSeconds(long fromSecond, long toSecond) {
        if (adminUrl == null) {
            return List.of();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl + "/_mock/metrics/seconds?from=" + fromSecond + "&to=" + toSecond))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            String token = System.getenv("MANTLE_MOCK_ADMIN_TOKEN");
            if (token != null && !token.isBlank()) {
                // A mock other machines reach guards its admin routes with a token (docs/load-tests.md, several machines).
                request = HttpRequest.newBuilder(request, (k, v) -> true).header("x-mock-admin-token", token).build();
            }
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("the mock's per-second metrics answered " + r.statusCode() + ": " + r.body());
                return List.of();
            }
            List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
            RunRecords.JSON.readTree(r.body()).path("seconds").forEach(out::add);
            return out;
        } catch (IOException e) {
            System.err.println("the mock's per-second metrics are not readable: " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    public String describe() {
        return (isMock() ? "mock " : "") + baseUrl + " (" + signer.describe() + ")";
    }

    /** Headers every request carries and the signature covers. */
    public static Map<String, String> signedHeaders() {
        Map<String, String> h = new TreeMap<>();
        h.put("content-type", "application/json");
        h.put("anthropic-version", ANTHROPIC_VERSION);
        return h;
    }

    /** One signed POST outside Gatling: calibration before a run, never during it. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + path);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signedHeaders();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign("POST", uri, headers, body).forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-length")) {
                request.setHeader(k, v);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new java.net.http.HttpTimeoutException("No answer from " + describe() + ": POST " + path
                    + " did not answer (connect timeout 10 s, 30 s for the answer)");
        }
    }

    @Override
    public void close() {
        if (mock != null) {
            mock.close();
        }
    }
}
