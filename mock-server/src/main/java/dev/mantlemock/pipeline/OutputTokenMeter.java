package dev.mantlemock.pipeline;

/**
 * Told of output tokens as they are produced, so an output-token quota can count a running stream.
 * Returns false when generation must stop here (the quota ran out mid-generation).
 */
@FunctionalInterface
public interface OutputTokenMeter {
    OutputTokenMeter UNLIMITED = tokens -> true;

    boolean produced(int tokens);

    /**
     * For an answer produced at once (JSON): how many of {@code wanted} tokens may be produced.
     * The default is all or nothing; a quota may grant part, and the answer is then cut there.
     */
    default int grant(int wanted) {
        return produced(wanted) ? wanted : 0;
    }
}
