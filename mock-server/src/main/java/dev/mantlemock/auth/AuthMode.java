package dev.mantlemock.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How hard the mock checks credentials. */
public enum AuthMode {
    /** Only configured principals and tokens pass: for CI. */
    STRICT,
    /**
     * Known keys are fully verified; unknown keys (a developer's real AWS credentials, whose secret the
     * mock cannot know) pass when every check that needs no secret passes.
     */
    LENIENT,
    /** No authentication: every request is the anonymous principal. */
    OFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AuthMode of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.mode must be strict, lenient or off, not '" + value + "'");
        }
    }
}
