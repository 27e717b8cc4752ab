package dev.mantlemock.kit;

/**
 * A stub in force: its id (an answer's name, {@code stub-N} unless {@code named(...)}; a failure's fault-rule
 * id, {@code fault_N}), whether it answers or fails, and what it matches in the words of the DSL.
 */
public record StubInfo(String id, Kind kind, String description) {
    public enum Kind { ANSWER, FAILURE }
}
