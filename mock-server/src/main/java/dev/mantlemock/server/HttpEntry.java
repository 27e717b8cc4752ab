package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.RequestPipeline;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Where a request enters: gives it an id, reads its body within the limit, and hands it to the
 * pipeline. The only class on the request path that knows Javalin.
 */
final class HttpEntry {
    private final RequestPipeline pipeline;
    private final Executor workers;
    /** How many requests may do their work on Jetty's own threads at once (as many as there are workers). */
    private final Semaphore inline = new Semaphore(Workers.THREADS);
    private final Clock clock;
    private final long maxBodyBytes;
    private final long bodyReadTimeoutNanos;

    private final boolean inlineAnswers;

    /** @param inlineAnswers whether plain answers may be made on Jetty's thread (not when an upstream may answer) */
    HttpEntry(RequestPipeline pipeline, Executor workers, Clock clock, long maxBodyBytes, long bodyReadTimeoutMillis,
            boolean inlineAnswers) {
        this.inlineAnswers = inlineAnswers;
        this.pipeline = pipeline;
        this.workers = workers;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeoutNanos = bodyReadTimeoutMillis * 1_000_000;
    }

    Handler handler(Endpoint endpoint) {
        return ctx -> handle(ctx, endpoint);
    }

    /** Any other path or method: Mantle offers only the two Messages endpoints. */
    void notAvailable(Context ctx) {
        HttpServletRequest req = ctx.req();
        String uri = req.getRequestURI();
        drain(req); // an unread body makes Jetty close the connection, which a pooling client may reuse
        Exchange exchange = exchange(req, Endpoint.MESSAGES, new byte[0]);
        boolean connect = req.getMethod().equals("CONNECT");
        if (connect) {
            ctx.res().setHeader("Connection", "close"); // Jetty then closes the connection after the answer
        }
        ApiException error = connect ? ApiException.of(ApiError.CONNECT_REFUSED)
                : uri.startsWith("/_mock/") ? ApiException.of(ApiError.ADMIN_ROUTE_UNKNOWN, req.getMethod(), uri)
                : WrongPath.of(req.getMethod(), uri, hostOf(req));
        pipeline.reject(exchange, new ServletResponseChannel(req, ctx.res()), error);
    }

    private void drain(HttpServletRequest req) {
        try {
            BodyReader.read(req, maxBodyBytes, System.nanoTime() + bodyReadTimeoutNanos);
        } catch (ApiException tooLargeOrTooSlow) {
            // the 404 is the answer; Jetty closes the connection as it must
        }
    }

    /** The host and port the client used, for a base URL it can paste; the bound address if it sent none. */
    private static String hostOf(HttpServletRequest req) {
        String host = req.getHeader("host");
        return host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")
                ? req.getLocalAddr() + ":" + req.getLocalPort() : host;
    }

    private static final String ANSWERED = "mantlemock.pipeline.answered";

    /**
     * Whether the pipeline answered this request. Javalin runs its 404 handler after a matched route too,
     * so a pipeline 404 (an unknown model, a replay miss) must not be answered a second time.
     */
    static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }

    private void handle(Context ctx, Endpoint endpoint) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        HttpServletRequest req = ctx.req();
        ServletResponseChannel channel = new ServletResponseChannel(req, ctx.res());
        byte[] body;
        try {
            body = BodyReader.read(req, maxBodyBytes, System.nanoTime() + bodyReadTimeoutNanos);
        } catch (ApiException e) {
            pipeline.reject(exchange(req, endpoint, new byte[0]), channel, e);
            return;
        }
        // A plain answer is made on Jetty's thread while fewer than Workers.THREADS requests are making
        // theirs: no hand-over, no async dispatch, a blocking write (a sixth more throughput). Everything
        // else queues for the bounded worker pool and Jetty's thread goes back at once: 500 maximum-size
        // streams once took every Jetty thread, and health waited seconds behind them. A stream always
        // goes to the workers: written from inside Jetty's dispatch, its first events could still sit in
        // the output buffer when a fault cut the connection. Nor do answers relayed from an upstream
        // (record and compare modes), whose recording is written as the relay ends.
        if (inlineAnswers && !mayStream(body) && inline.tryAcquire()) {
            CompletableFuture<Void> done;
            try {
                done = run(ctx, endpoint, body, channel);
            } finally {
                inline.release();
            }
            if (!done.isDone()) {   // a stream, a wait or a relay goes on after this dispatch
                channel.detach();
                ctx.future(() -> done);
            }
            return;
        }
        ctx.future(() -> CompletableFuture.supplyAsync(() -> run(ctx, endpoint, body, channel), workers)
                .thenCompose(done -> done)); // a stream completes when the timer or the client has taken the rest
    }

    /**
     * Whether the body may ask for a stream, by a look at its bytes before it is parsed: any {@code stream}
     * (even in the text) or any escape ({@code "\u0073tream"} parses as {@code "stream"}) says it may.
     */
    static boolean mayStream(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            byte b = body[i];
            if (b == '\\' && body[i + 1] == 'u'
                    || b == 's' && body[i + 1] == 't' && body[i + 2] == 'r' && body[i + 3] == 'e' && body[i + 4] == 'a' && body[i + 5] == 'm') {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<Void> run(Context ctx, Endpoint endpoint, byte[] body, ServletResponseChannel channel) {
        try {
            return pipeline.handle(exchange(ctx.req(), endpoint, body), channel);
        } catch (Throwable t) { // the exchange could not even be made; the pipeline answers everything after
            LastResort.answer(ctx, t);
            return CompletableFuture.completedFuture(null);
        }
    }

    private Exchange exchange(HttpServletRequest req, Endpoint endpoint, byte[] body) {
        String query = req.getQueryString();
        HttpRequestView view = new HttpRequestView(req.getMethod(), req.getRequestURI(), query == null ? "" : query,
                headers(req), body);
        return new Exchange(Ids.requestId(), endpoint, view, clock.instant(), System.nanoTime());
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            List<String> values = headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1));
            values.addAll(Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
