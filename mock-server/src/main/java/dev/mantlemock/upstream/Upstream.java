package dev.mantlemock.upstream;

import dev.mantlemock.client.RequestSigner;
import dev.mantlemock.client.SseFrame;
import dev.mantlemock.client.SseReader;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Bound;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);

    private final UpstreamTarget target;
    private final RequestSigner signer;
    private final UpstreamSettings limits;
    /** Silence after the headers (no event, no byte) that ends a relay as an upstream drop; Mantle pings meanwhile. */
    static final Duration UPSTREAM_SILENCE = Duration.ofMinutes(5);
    /** Until the status line: the official SDKs' own default request timeout (a long JSON answer may take minutes). */
    static final Duration STATUS_LINE_PATIENCE = Duration.ofMinutes(10);
    /** The JDK client's own tasks (handing bytes to the body stream): a few threads, never one per connection. */
    private final ExecutorService httpTasks = pool("upstream-http", 4, Integer.MAX_VALUE);
    private final HttpClient http;
    /**
     * Each relay blocks on the upstream's answer, so it runs on its own thread, not the mock's Messages
     * workers: at most {@code max-relays} of them, {@code max-queued} waiting, and a 429 beyond.
     */
    private final ThreadPoolExecutor relays;

    public Upstream(UpstreamTarget target, RequestSigner signer, UpstreamSettings limits) {
        this.target = target;
        this.signer = signer;
        this.limits = limits;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpTasks)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.relays = pool("upstream-relay", limits.maxRelays, limits.maxQueued);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true); // an idle mock holds no relay thread
        return pool;
    }

    /** The URL and how requests are signed, never a credential: for the start-up line and logs. */
    public String describe() {
        return target.describe() + " (" + signer.describe() + ")";
    }

    public String base() {
        return target.describe();
    }

    /** Relays running now and requests waiting for a relay thread: a gauge for tests and metrics. */
    public int inFlight() {
        return relays.getActiveCount() + relays.getQueue().size();
    }

    /**
     * Sends the request on and writes the answer to {@code channel} as it arrives, noting it in {@code capture}.
     * The future completes when the client has the whole answer, or the exchange broke off. A client that
     * leaves at any point (waiting for a thread, before the upstream's status line, mid-answer) ends the
     * upstream request at once.
     */
    public CompletableFuture<Completion> relay(String requestId, Endpoint endpoint, HttpRequestView request,
            ResponseChannel channel, Capture capture) {
        Departure departure = new Departure();
        CompletableFuture<Completion> done = new CompletableFuture<>();
        channel.watchForClose(departure::left); // before the relay thread writes anything
        try {
            relays.execute(() -> {
                try {
                    done.complete(relayNow(requestId, endpoint, request, channel, capture, departure));
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(refuse(requestId, channel,
                    ApiException.of(ApiError.UPSTREAM_BUSY, limits.maxRelays, limits.maxQueued)));
        }
        return done;
    }

    /** The client's leaving, told to whichever relay step is running (or has not started). */
    private static final class Departure {
        private volatile boolean gone;
        private volatile IdleWatch watch;

        void left() {
            gone = true;
            IdleWatch w = watch;
            if (w != null) {
                w.cut(CLIENT_LEFT);
            }
        }

        void watching(IdleWatch w) {
            watch = w;
            if (gone) {
                w.cut(CLIENT_LEFT);
            }
        }
    }

    private static final String CLIENT_LEFT = "the client left";

    private Completion relayNow(String requestId, Endpoint endpoint, HttpRequestView request, ResponseChannel channel,
            Capture capture, Departure departure) {
        capture.keepAtMost(limits.maxKeptBytes);
        if (departure.gone) { // left while it waited for a thread: the upstream is never asked
            capture.cut(CLIENT_LEFT);
            return new Completion(499, null, 0, 0);
        }
        HttpRequest signed;
        try {
            signed = signed(endpoint, request);
        } catch (RuntimeException e) { // the AWS SDK's: no credentials in the chain, an expired SSO session
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return notSent(requestId, channel, capture, ApiException.of(ApiError.UPSTREAM_CREDENTIALS, target.describe(),
                    why.length() > 300 ? why.substring(0, 300) + "…" : why));
        }
        try (IdleWatch watch = new IdleWatch(UPSTREAM_SILENCE, STATUS_LINE_PATIENCE, Duration.ofMillis(limits.answerTimeoutMillis()))) {
            departure.watching(watch);
            HttpResponse<InputStream> response;
            try {
                CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(signed, HttpResponse.BodyHandlers.ofInputStream());
                watch.watchResponse(pending);
                response = pending.get();
            } catch (CancellationException | InterruptedException e) {
                Thread.interrupted();
                return unanswered(requestId, channel, capture, watch.why());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return watch.why() != null ? unanswered(requestId, channel, capture, watch.why())
                        : notSent(requestId, channel, capture, ApiException.of(ApiError.UPSTREAM_UNREACHABLE, target.describe(), cause.getClass().getSimpleName()));
            }
            try (InputStream in = response.body()) {
                watch.watchBody(in);
                answer(requestId, response, in, channel, capture, watch);
            } catch (IOException | RuntimeException e) { // a RuntimeException: the client's side failed under the write
                if (watch.why() != null || e instanceof SseReader.TooLarge) {
                    capture.cut(watch.why() != null ? watch.why() : e.getMessage());
                } else {
                    capture.finish(Capture.Outcome.UPSTREAM_DROPPED);
                }
                channel.abort();
            }
        }
        if (capture.cutBecause() != null) {
            LOG.info("relay {} cut: {}", requestId, capture.cutBecause());
        }
        return new Completion(capture.status(), capture.errorType(), outputTokens(capture), 0);
    }

    /** The upstream's answer, read within the limits: a JSON body whole (then written), a stream event by event. */
    private void answer(String requestId, HttpResponse<InputStream> response, InputStream in, ResponseChannel channel,
            Capture capture, IdleWatch watch) throws IOException {
        Map<String, String> headers = relayed(response.headers().map());
        // Every answer carries a request id; one that is not Mantle's (a proxy's 404) gets the mock's.
        headers.putIfAbsent("request-id", requestId);
        String contentType = response.headers().firstValue("content-type").orElse("application/json");
        capture.begin(response.statusCode(), with(headers, "content-type", contentType));
        if (contentType.startsWith("text/event-stream")) {
            stream(in, channel, capture, watch, () -> channel.begin(response.statusCode(), contentType, headers), requestId);
            return;
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxBodyBytes + 1));
        if (body.length > limits.maxBodyBytes) {
            capture.cut("a body over upstream.max-body-bytes");
            refuse(requestId, channel, ApiException.of(ApiError.UPSTREAM_TOO_LARGE, target.describe(), limits.maxBodyBytes));
            return;
        }
        capture.body(body);
        channel.begin(response.statusCode(), contentType, headers);
        channel.body(body);
        capture.finish(Capture.Outcome.COMPLETE);
    }

    /** Event by event: read one from the upstream, write it to the client, and so on, within the limits. */
    private void stream(InputStream in, ResponseChannel channel, Capture capture, IdleWatch watch, Runnable begin,
            String requestId) throws IOException {
        SseReader reader = new SseReader(in, limits.maxLineBytes, limits.maxEventBytes);
        SseFrame first;
        try {
            first = reader.next();
        } catch (SseReader.TooLarge e) { // nothing sent yet: the client can still be told, in the envelope
            capture.cut(e.getMessage());
            refuse(requestId, channel, ApiException.of(ApiError.UPSTREAM_STREAM_TOO_LARGE, target.describe(), e.getMessage()));
            return;
        }
        begin.run();
        int events = 0;
        for (SseFrame f = first; f != null; f = reader.next()) { // an IOException here: the upstream dropped
            watch.heard();
            if (++events > limits.maxEvents) {
                throw new SseReader.TooLarge("a stream of more than " + limits.maxEvents + " events");
            }
            capture.frame(f.name(), f.data());
            try {
                write(channel, frame(f));
            } catch (IOException e) {
                capture.finish(Capture.Outcome.CLIENT_LEFT);
                channel.abort();
                return; // closing the upstream's body (try-with-resources) cancels the upstream request
            }
            if (f.name().equals("message_stop")) {
                break; // the answer is whole: a client that leaves now cuts nothing, and nothing follows it
            }
        }
        capture.finish(Capture.Outcome.COMPLETE);
        channel.end();
    }

    /**
     * No status line came: the client left (nothing to write), or the whole answer's time ran out
     * before it (a 504 in the envelope).
     */
    private Completion unanswered(String requestId, ResponseChannel channel, Capture capture, String why) {
        if (CLIENT_LEFT.equals(why)) {
            capture.cut(why);
            return new Completion(499, null, 0, 0);
        }
        capture.cut(why == null ? "interrupted" : why);
        return refuse(requestId, channel, ApiException.of(ApiError.UPSTREAM_TOO_SLOW, target.describe(),
                Bound.plain(Math.min(limits.answerTimeoutSeconds, STATUS_LINE_PATIENCE.toSeconds()))));
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
    /** The request never reached the upstream: the capture says why (the recorder's log line), the client gets the error. */
    private static Completion notSent(String requestId, ResponseChannel channel, Capture capture, ApiException error) {
        capture.notSent(error.getMessage());
        return refuse(requestId, channel, error);
    }

    private static Completion refuse(String requestId, ResponseChannel channel, ApiException error) {
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
        // No request timeout: the watch times the whole answer, status line included, and cancels it.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
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
