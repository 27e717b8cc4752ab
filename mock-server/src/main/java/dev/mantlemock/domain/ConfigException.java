package dev.mantlemock.domain;

/** A configuration the mock cannot start with; the message is meant for the user, not a stack trace. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
