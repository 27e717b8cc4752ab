package dev.mantlemock.kit;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads the journal until what is read is as expected, or 3 s have passed: for a client that sends
 * without waiting for its answer (an async call), its request may not have reached the mock yet.
 * Returns the last reading.
 */
public final class JournalWait {
    private static final long WAIT_NANOS = 3_000_000_000L;

    private JournalWait() {}

    public static <T> T until(Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }
}
