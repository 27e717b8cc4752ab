package dev.mantlemock.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a read of an upstream answer after a silence. The JDK's HTTP client has no read timeout once the
 * headers are in, so a connection that died without a reset (a NAT or VPN timeout) would block the relay
 * for ever. On silence the body is closed and the reading thread interrupted (the JDK's body stream waits
 * on a queue that only an interrupt wakes); the read fails, and the exchange ends as an upstream drop.
 * Made and closed on the reading thread.
 */
final class IdleWatch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upstream-idle-watch");
        t.setDaemon(true);
        return t;
    });

    private final Closeable body;
    private final long silenceNanos;
    private final ScheduledFuture<?> check;
    private final Thread reader = Thread.currentThread();
    private volatile long lastNanos = System.nanoTime();
    private boolean done;
    private boolean fired;

    IdleWatch(Closeable body, Duration silence) {
        this.body = body;
        this.silenceNanos = silence.toNanos();
        long period = Math.max(10, silence.toMillis() / 4);
        this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Something arrived: the silence starts again. */
    void heard() {
        lastNanos = System.nanoTime();
    }

    private void check() {
        if (System.nanoTime() - lastNanos <= silenceNanos) {
            return;
        }
        synchronized (this) {
            if (done || fired) {
                return;
            }
            fired = true;
            reader.interrupt();
        }
        check.cancel(false);
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that was wanted; the blocked read fails either way
        }
    }

    @Override
    public void close() {
        boolean interrupted;
        synchronized (this) {
            done = true;
            interrupted = fired;
        }
        check.cancel(false);
        if (interrupted) {
            Thread.interrupted(); // the relay thread goes back to its pool without a stale interrupt
        }
    }
}
