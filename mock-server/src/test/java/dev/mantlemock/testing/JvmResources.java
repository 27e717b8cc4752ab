package dev.mantlemock.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** What a test can see of the resources the in-process mock holds: threads by kind, and the live heap. */
public final class JvmResources {
    /** The name prefix of Javalin's Jetty pool (at most 250 threads, Javalin's default). */
    public static final String JETTY_POOL = "JettyServerThreadPool";
    public static final int JETTY_POOL_MAX = 250;
    public static final String PACER = "stream-pacer";

    private JvmResources() {}

    /** A count of the JVM's threads in three kinds. */
    public record Threads(long jettyPool, long pacers, long others) {
        public static Threads now() {
            long jetty = 0;
            long pacers = 0;
            long others = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(JETTY_POOL)) {
                    jetty++;
                } else if (t.getName().equals(PACER)) {
                    pacers++;
                } else {
                    others++;
                }
            }
            return new Threads(jetty, pacers, others);
        }

        public long total() {
            return jettyPool + pacers + others;
        }
    }

    /**
     * Heap in use after full collections: the lowest of a few tries, since one {@code System.gc()} may
     * run while a late finaliser or a timer still holds garbage.
     */
    public static long liveHeapBytes() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
