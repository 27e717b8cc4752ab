package dev.mantlemock.pipeline;

/**
 * Thrown by a stage that cannot go on yet but may soon (a quota that queues instead of refusing):
 * the pipeline runs that stage again after {@link #millis()}, and holds no thread meanwhile.
 * A signal, not an error: no stack trace is taken.
 */
public final class StageWait extends RuntimeException {
    private final long millis;

    public StageWait(long millis) {
        super(null, null, false, false);
        this.millis = Math.max(1, millis);
    }

    public long millis() {
        return millis;
    }
}
