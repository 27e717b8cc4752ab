package dev.mantlemock.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a relay that must not go on: after a silence, past the whole answer's time limit, or at once when
 * the client leaves ({@link #cut}). The JDK's HTTP client has no read timeout once the headers are in,
 * so a connection that died without a reset (a NAT or VPN timeout) would block the relay for ever.
 * Before the status line the pending response is cancelled (which closes its connection); after it the
 * body is closed and the reading thread interrupted (the JDK's body stream waits on a queue that only an
 * interrupt wakes); the read fails, and the exchange ends. Made and closed on the reading thread.
 */
final class IdleWatch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upstream-idle-watch");
        t.setDaemon(true);
        return t;
    });

    private final long silenceNanos;
    private final long deadlineNanos;
    private final long headersDeadlineNanos;
    private final ScheduledFuture<?> check;
    private final Thread reader = Thread.currentThread();
    private volatile long lastNanos = System.nanoTime();
    /** Guarded by this. */
    private Future<?> response;
    private Closeable body;
    private boolean done;
    private String why;

    IdleWatch(Closeable body, Duration silence) {
        this(silence, Duration.ofDays(1), Duration.ofDays(1));
        watchBody(body);
    }

    /** Watches for {@code headers} until the status line, then for {@code silence} while the body is read, and for {@code whole} from now. */
    IdleWatch(Duration silence, Duration headers, Duration whole) {
        this.silenceNanos = silence.toNanos();
        this.deadlineNanos = System.nanoTime() + whole.toNanos();
        this.headersDeadlineNanos = System.nanoTime() + Math.min(headers.toNanos(), whole.toNanos());
        long period = Math.max(10, Math.min(Math.min(silence.toMillis(), headers.toMillis()), whole.toMillis()) / 4);
        this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** The response not yet in: a cut cancels it. */
    void watchResponse(Future<?> pending) {
        boolean cutAlready;
        synchronized (this) {
            response = pending;
            cutAlready = why != null;
        }
        if (cutAlready) {
            pending.cancel(true);
        }
    }

    /** The body being read: a cut closes it; the silence is timed from now. */
    void watchBody(Closeable stream) {
        heard();
        boolean cutAlready;
        synchronized (this) {
            body = stream;
            cutAlready = why != null;
        }
        if (cutAlready) {
            closeQuietly(stream);
        }
    }

    /** Something arrived: the silence starts again. */
    void heard() {
        lastNanos = System.nanoTime();
    }

    /** Ends the relay now (the client left); any thread. */
    void cut(String reason) {
        fire(reason);
    }

    /** Why the relay was cut, or null if it was not. */
    synchronized String why() {
        return why;
    }

    private void check() {
        long now = System.nanoTime();
        if (now - deadlineNanos > 0) {
            fire("the answer took longer than its time limit");
            return;
        }
        boolean reading;
        synchronized (this) {
            reading = body != null;
        }
        if (!reading && now - headersDeadlineNanos > 0) {
            fire("no status line in time");
        } else if (reading && now - lastNanos > silenceNanos) {
            fire("the upstream went silent");
        }
    }

    private void fire(String reason) {
        Future<?> pending;
        Closeable stream;
        synchronized (this) {
            if (done || why != null) {
                return;
            }
            why = reason;
            pending = response;
            stream = body;
            if (stream != null) {
                reader.interrupt();
            }
        }
        check.cancel(false);
        if (pending != null) {
            pending.cancel(true); // the JDK's client aborts the exchange and closes its connection
        }
        if (stream != null) {
            closeQuietly(stream);
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing is all that was wanted; the blocked read fails either way
        }
    }

    @Override
    public void close() {
        boolean interrupted;
        synchronized (this) {
            done = true;
            interrupted = why != null && body != null;
        }
        check.cancel(false);
        if (interrupted) {
            Thread.interrupted(); // the relay thread goes back to its pool without a stale interrupt
        }
    }
}
