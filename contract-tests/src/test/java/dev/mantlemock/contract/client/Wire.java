package dev.mantlemock.contract.client;

import dev.mantlemock.contract.Meter;
import dev.mantlemock.contract.Patience;
import dev.mantlemock.client.SigV4Signer;
import dev.mantlemock.contract.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A raw HTTP client (java.net.http) for what the SDK hides: status lines, headers, SSE framing, error
 * envelopes, and requests no SDK would send (unsigned, signed with a skewed clock, no version header).
 * Every request is counted on the contract's meter.
 */
public final class Wire {
    /** The version the AWS Mantle page tells curl users to send; the SDK sends its own newer one. */
    public static final String API_VERSION = "2023-06-01";

    /**
     * HTTP/1.1 like the SDK's OkHttp on plain http: java.net.http's default h2c upgrade attempt adds
     * Upgrade headers that a proxy in between may rewrite, and a SigV4 check must only see what we signed.
     * (The client is made per Wire, with the target's connect timeout.)
     */

    private final Target target;
    private final Meter meter;
    private final Patience patience;
    private final HttpClient http;

    public Wire(Target target, Meter meter) {
        this(target, meter, Patience.of(target));
    }

    public Wire(Target target, Meter meter, Patience patience) {
        this.target = target;
        this.meter = meter;
        this.patience = patience;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(patience.connect()).build();
    }

    /** How a raw request proves who sends it. */
    public record Auth(Kind kind, Clock clock, String key) {
        public enum Kind { TARGET_DEFAULT, NONE, SIGV4_AT, BEARER }

        /** SigV4 when the target has IAM credentials (what most AWS users send), else its bearer key. */
        public static final Auth DEFAULT = new Auth(Kind.TARGET_DEFAULT, null, null);
        public static final Auth NONE = new Auth(Kind.NONE, null, null);

        public static Auth sigV4SignedAt(Clock clock) {
            return new Auth(Kind.SIGV4_AT, clock, null);
        }

        public static Auth bearer(String key) {
            return new Auth(Kind.BEARER, null, key);
        }
    }

    /** POSTs JSON to a path below the base URL with {@code anthropic-version} and the target's credentials. */
    public WireResponse post(String path, String json) {
        return send("POST", path, json, Auth.DEFAULT, Map.of("anthropic-version", API_VERSION));
    }

    public WireResponse post(String path, String json, Auth auth) {
        return send("POST", path, json, auth, Map.of("anthropic-version", API_VERSION));
    }

    public WireResponse send(String method, String path, String json, Auth auth, Map<String, String> extraHeaders) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(target.baseUrl() + path);
        Map<String, String> headers = new TreeMap<>();
        headers.put("accept", "application/json");
        if (json != null) {
            headers.put("content-type", "application/json");
        }
        headers.putAll(extraHeaders);
        headers = authenticate(method, uri, headers, body, auth);

        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(patience.read())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) { // java.net.http sends Host itself, port included, as signed
                request.header(name, value);
            }
        });
        meter.request();
        try {
            // java.net.http times only the wait for the headers; the whole exchange is bounded here
            var pending = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpResponse<String> response;
            try {
                response = pending.get(patience.whole().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw e;
            }
            Map<String, List<String>> lower = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            WireResponse answer = new WireResponse(response.statusCode(), lower, response.body());
            meterUsage(answer);
            return answer;
        } catch (TimeoutException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (Patience.isTimeout(cause)) {
                throw patience.noAnswer(target, method + " " + path, cause);
            }
            throw new UncheckedIOException(method + " " + uri + " failed",
                    cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tokens a 200 reported: a message's usage, or message_start's input and the last message_delta's output. */
    private void meterUsage(WireResponse answer) {
        if (answer.status() != 200) {
            return;
        }
        try {
            if (answer.header("content-type").orElse("").startsWith("text/event-stream")) {
                com.fasterxml.jackson.databind.node.ObjectNode usage = null;
                for (SseEvent e : answer.events()) {
                    if (e.type().equals("message_start")) {
                        usage = e.data().path("message").path("usage").deepCopy();
                    } else if (e.type().equals("message_delta") && usage != null) {
                        usage.put("output_tokens", e.data().path("usage").path("output_tokens").asLong());
                    }
                }
                if (usage != null) {
                    meter.usage(usage);
                }
            } else if (answer.json().has("usage")) {
                meter.usage(answer.json().path("usage"));
            }
        } catch (RuntimeException | AssertionError broken) {
            // a malformed answer is the contract's business, not the meter's
        }
    }

    /** The project's one SigV4 signer, with the target's credentials; a contract may change only the clock. */
    private SigV4Signer signer(Clock clock) {
        if (!target.hasSigV4()) {
            throw new dev.mantlemock.contract.ContractSkipped("this check signs requests itself and the target has no IAM credentials");
        }
        return SigV4Signer.forMantle(StaticCredentialsProvider.create(target.sigV4()), target.region(), target.name()).at(clock);
    }

    private Map<String, String> authenticate(String method, URI uri, Map<String, String> headers, byte[] body, Auth auth) {
        Auth.Kind kind = auth.kind();
        if (kind == Auth.Kind.TARGET_DEFAULT) {
            kind = target.hasSigV4() ? Auth.Kind.SIGV4_AT : Auth.Kind.BEARER;
        }
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        switch (kind) {
            case NONE -> { }
            case BEARER -> out.put("authorization", "Bearer " + (auth.key() != null ? auth.key() : target.bearerKey()));
            case SIGV4_AT -> out.putAll(signer(auth.clock() == null ? Clock.systemUTC() : auth.clock()).sign(method, uri, headers, body));
            default -> throw new IllegalStateException(kind.name());
        }
        return out;
    }
}
