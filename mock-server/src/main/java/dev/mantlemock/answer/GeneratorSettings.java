package dev.mantlemock.answer;

/** The generated answers: same request and same seed give the same answer. */
public final class GeneratorSettings {
    public long seed = 0;
}
