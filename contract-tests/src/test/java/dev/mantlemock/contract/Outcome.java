package dev.mantlemock.contract;

/** How a contract fared against one target. */
public enum Outcome {
    PASSED,
    FAILED,
    /** The target cannot be asked (no credentials, mock-only against live, ...); the reason says why. */
    SKIPPED,
    /** Not selected in this run (a test filter or an excluded tag). */
    NOT_RUN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Outcome fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** Only a pass and a fail say something about the target; the others say something about the run. */
    public boolean ran() {
        return this == PASSED || this == FAILED;
    }
}
