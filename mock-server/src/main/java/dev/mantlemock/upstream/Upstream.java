package dev.mantlemock.upstream;

import dev.mantlemock.client.RequestSigner;
import dev.mantlemock.client.SseFrame;
import dev.mantlemock.client.SseReader;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.pipeline.ResponseChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client to the upstream (Bedrock, or another mock in tests). It sends the client's request on,
 * signed again with the user's own credentials, and relays the answer as it arrives: a stream event by
 * event, never buffered whole, with its status and headers. A client that leaves ends the upstream
 * request too; an upstream that drops the connection is passed on as a dropped connection.
 */
public final class Upstream {
    /** What of the client's request goes on: the body's meaning, never its credentials or the mock's own headers. */
    private static final Set<String> FORWARDED = Set.of("content-type", "anthropic-version", "anthropic-beta");
    /** Not passed back: hop-by-hop and framing headers the mock's server writes itself, and cookies. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
            "date", "server", "set-cookie", "content-type");
    /** How long a relayed stream waits for a client that takes nothing before it gives up on it. */
    private static final long CLIENT_PATIENCE_SECONDS = 60;

    private final UpstreamTarget target;
    private final RequestSigner signer;
    /** The official SDKs' own default request timeout: a long JSON answer may take minutes, not longer. */
    static final Duration ANSWER_PATIENCE = Duration.ofMinutes(10);
    /** Silence after the headers (no event, no byte) that ends a relay as an upstream drop; Mantle pings meanwhile. */
    static final Duration UPSTREAM_SILENCE = Duration.ofMinutes(5);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Each relay blocks on the upstream's stream, so it runs on its own thread, not the mock's bounded workers. */
    private final ExecutorService relays = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "upstream-relay");
        t.setDaemon(true);
        return t;
    });

    public Upstream(UpstreamTarget target, RequestSigner signer) {
        this.target = target;
        this.signer = signer;
    }

    /** The URL and how requests are signed, never a credential: for the start-up line and logs. */
    public String describe() {
        return target.describe() + " (" + signer.describe() + ")";
    }

    public String base() {
        return target.describe();
    }

    /**
     * Sends the request on and writes the answer to {@code channel} as it arrives, noting it in {@code capture}.
     * The future completes when the client has the whole answer, or the exchange broke off.
     */
    public CompletableFuture<Completion> relay(String requestId, Endpoint endpoint, HttpRequestView request,
            ResponseChannel channel, Capture capture) {
        return CompletableFuture.supplyAsync(() -> relayNow(requestId, endpoint, request, channel, capture), relays);
    }

    private Completion relayNow(String requestId, Endpoint endpoint, HttpRequestView request, ResponseChannel channel, Capture capture) {
        HttpRequest signed;
        try {
            signed = signed(endpoint, request);
        } catch (RuntimeException e) { // the AWS SDK's: no credentials in the chain, an expired SSO session
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return refuse(requestId, channel, capture, ApiException.of(ApiError.UPSTREAM_CREDENTIALS, target.describe(),
                    why.length() > 300 ? why.substring(0, 300) + "…" : why));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(signed, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return refuse(requestId, channel, capture, ApiException.of(ApiError.UPSTREAM_UNREACHABLE, target.describe(), e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(requestId, channel, capture, ApiException.of(ApiError.UPSTREAM_UNREACHABLE, target.describe(), "interrupted"));
        }
        Map<String, String> headers = relayed(response.headers().map());
        // Every answer carries a request id; one that is not Mantle's (a proxy's 404) gets the mock's.
        headers.putIfAbsent("request-id", requestId);
        String contentType = response.headers().firstValue("content-type").orElse("application/json");
        capture.begin(response.statusCode(), with(headers, "content-type", contentType));
        channel.begin(response.statusCode(), contentType, headers);
        try (InputStream in = response.body(); IdleWatch watch = new IdleWatch(in, UPSTREAM_SILENCE)) {
            if (contentType.startsWith("text/event-stream")) {
                stream(in, channel, capture, watch);
            } else {
                byte[] body = in.readAllBytes();
                capture.body(body);
                channel.body(body);
                capture.finish(Capture.Outcome.COMPLETE);
            }
        } catch (IOException | RuntimeException e) { // a RuntimeException: the client's side failed under the write
            capture.finish(Capture.Outcome.UPSTREAM_DROPPED);
            channel.abort();
        }
        return new Completion(capture.status(), capture.errorType(), outputTokens(capture), 0);
    }

    /** Event by event: read one from the upstream, write it to the client, and so on. */
    private static void stream(InputStream in, ResponseChannel channel, Capture capture, IdleWatch watch) throws IOException {
        SseReader reader = new SseReader(in);
        for (SseFrame f = reader.next(); f != null; f = reader.next()) { // an IOException here: the upstream dropped
            watch.heard();
            capture.frame(f.name(), f.data());
            try {
                write(channel, frame(f));
            } catch (IOException e) {
                capture.finish(Capture.Outcome.CLIENT_LEFT);
                channel.abort();
                return; // closing the upstream's body (try-with-resources) cancels the upstream request
            }
        }
        capture.finish(Capture.Outcome.COMPLETE);
        channel.end();
    }

    private static void write(ResponseChannel channel, byte[] bytes) throws IOException {
        while (true) {
            CountDownLatch ready = new CountDownLatch(1);
            if (channel.writable(ready::countDown)) {
                break;
            }
            try {
                if (!ready.await(CLIENT_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("the client took nothing for " + CLIENT_PATIENCE_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        channel.chunk(bytes);
    }

    private static byte[] frame(SseFrame f) {
        return ("event: " + f.name() + "\ndata: " + f.data().replace("\n", "\ndata: ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The upstream was never asked, or never answered: the client gets the mock's error, in the envelope. */
    private static Completion refuse(String requestId, ResponseChannel channel, Capture capture, ApiException error) {
        capture.notSent(error.getMessage());
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(error, requestId);
        channel.begin(reply.status(), reply.contentType(), reply.headers());
        try {
            channel.body(reply.body());
        } catch (IOException ignored) {
            // the client left as well
        }
        return new Completion(error.status(), error.type().wireName(), 0, 0);
    }

    private HttpRequest signed(Endpoint endpoint, HttpRequestView request) {
        URI uri = target.resolve(endpoint.path(), request.rawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (FORWARDED.contains(name) && !values.isEmpty()) {
                headers.put(name, String.join(",", values));
            }
        });
        headers.putIfAbsent("content-type", "application/json");
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(signer.sign("POST", uri, headers, request.body()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .timeout(ANSWER_PATIENCE); // until the status line: an upstream that accepts and never answers is a 502
        all.forEach(b::header);
        return b.build();
    }

    private static Map<String, String> relayed(Map<String, List<String>> upstream) {
        Map<String, String> out = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!NOT_RELAYED.contains(n) && !n.startsWith(":") && !values.isEmpty()) {
                out.put(n, String.join(",", values));
            }
        });
        return out;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static int outputTokens(Capture capture) {
        var message = capture.message();
        return message == null ? 0 : message.path("usage").path("output_tokens").asInt(0);
    }
}
