package dev.mantlemock.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the Messages work: a few per core, with a queue in front. Jetty's threads only
 * read requests and hand them over, so however many Messages requests arrive, a thread is free for
 * {@code /_mock/health} and the admin routes, and it competes for the CPU with a few workers rather
 * than with hundreds of busy request threads.
 */
final class Workers {
    /** Enough to keep every core busy while some wait on a slow client's socket; few enough to leave CPU for health. */
    static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private Workers() {}

    static ExecutorService start() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "messages-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
