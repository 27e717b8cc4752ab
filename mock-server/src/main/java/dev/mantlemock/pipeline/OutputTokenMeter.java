package dev.mantlemock.pipeline;

/**
 * Told of output tokens as they are produced, so an output-token quota can count a running stream.
 * Returns false when generation must stop here (the quota ran out mid-generation).
 */
@FunctionalInterface
public interface OutputTokenMeter {
    OutputTokenMeter UNLIMITED = tokens -> true;

    boolean produced(int tokens);
}
