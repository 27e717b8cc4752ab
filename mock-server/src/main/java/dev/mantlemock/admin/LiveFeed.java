package dev.mantlemock.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code GET /_mock/events}: the dashboard's live feed, one {@code snapshot} event a second to every
 * subscriber. Bounded: at most {@link #MAX_SUBSCRIBERS} at once (the next is a 429), one ticker thread
 * started with the first subscriber, and a page that goes away is dropped at the next write (the
 * snapshot every second is the heartbeat that finds it), so nothing is left behind. A snapshot is a
 * few kilobytes, so a page that stops reading fills its socket buffers only after minutes, and then
 * the connection's idle timeout ends the blocked write.
 */
final class LiveFeed implements AutoCloseable {
    static final int MAX_SUBSCRIBERS = 8;
    static final long PERIOD_MILLIS = 1000;

    private final MockControls controls;
    /** Supplied, so the admin API's mapper is still made on first use, not at start. */
    private final Supplier<ObjectMapper> json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private ScheduledExecutorService ticker;
    private boolean closed;
    /** Only the ticker thread reads and writes these. */
    private Map<String, Long> lastTotals;
    private long lastMillis;

    LiveFeed(MockControls controls, Supplier<ObjectMapper> json) {
        this.controls = controls;
        this.json = json;
    }

    void subscribe(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw ApiException.of(ApiError.ADMIN_EVENTS_ACCEPT);
        }
        if (admitted.incrementAndGet() > MAX_SUBSCRIBERS) {
            admitted.decrementAndGet();
            throw ApiException.of(ApiError.ADMIN_EVENTS_FULL, MAX_SUBSCRIBERS);
        }
        try {
            new SseHandler(0, this::follow).handle(ctx);
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
    }

    private void follow(SseClient client) {
        clients.add(client);
        client.onClose(() -> {
            if (clients.remove(client)) {
                admitted.decrementAndGet(); // once per subscriber, however it ends
            }
        });
        try {
            client.keepAlive();
            if (!startTicker()) {
                client.close(); // the mock is stopping
                return;
            }
            send(client, render(DashboardSnapshot.take(controls, null, 0))); // the page draws at once, not a second later
        } catch (RuntimeException e) {
            client.close(); // its place is given back; the page sees the stream end and retries
        }
    }

    private synchronized boolean startTicker() {
        if (closed) {
            return false;
        }
        if (ticker == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "dashboard-feed");
                thread.setDaemon(true);
                return thread;
            });
            t.scheduleAtFixedRate(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            ticker = t;
        }
        return true;
    }

    private void tick() {
        try {
            if (clients.isEmpty()) {
                lastTotals = null; // the next subscriber starts its rates afresh
                return;
            }
            long now = System.nanoTime() / 1_000_000;
            DashboardSnapshot s = DashboardSnapshot.take(controls, lastTotals, lastTotals == null ? 0 : (now - lastMillis) / 1000.0);
            lastTotals = s.requestsTotal();
            lastMillis = now;
            String event = render(s);
            for (SseClient client : clients) {
                send(client, event);
            }
        } catch (RuntimeException e) {
            // one bad snapshot must not end the schedule (an exception would cancel it for good)
        }
    }

    private String render(DashboardSnapshot s) {
        try {
            return json.get().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dashboard snapshot is not JSON", e);
        }
    }

    private static void send(SseClient client, String event) {
        client.sendEvent("snapshot", event); // a client that has gone is closed by the failed write
    }

    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            closed = true;
            t = ticker;
        }
        if (t != null) {
            t.shutdownNow();
        }
        for (SseClient client : clients) {
            client.close();
        }
    }
}
