package dev.mantlemock.contract;

import java.util.Objects;

/**
 * One promise the Messages API makes, named in the domain's words and checkable against any target.
 * The check is a plain function of a {@link Session}, so JUnit, the mutant self-check and any other
 * caller run exactly the same code.
 *
 * @param id       stable key used in reports and drifts, e.g. {@code stream.event-order}
 * @param area     the part of the API, for grouping in the report
 * @param promise  the sentence the contract stands for
 * @param needs    what the target must offer, or the contract is skipped with a reason
 * @param check    throws an {@link AssertionError} (or any exception) when the promise is broken
 */
public record Contract(String id, String area, String promise, Needs needs, Check check) {
    public Contract {
        Objects.requireNonNull(id);
        Objects.requireNonNull(needs);
        Objects.requireNonNull(check);
    }

    /** Exact values here come from a fixture, so only a mock can keep them; skipped against live. */
    public boolean mockOnly() {
        return needs == Needs.FIXTURES;
    }

    /** What a contract needs from a target beyond a model and some credential. */
    public enum Needs {
        NOTHING,
        /** An access key and secret: the check signs requests itself or alters the secret. */
        SIGV4_CREDENTIALS,
        /** The target answers from the fixtures in {@code fixtures/} (mock-only). */
        FIXTURES
    }

    @FunctionalInterface
    public interface Check {
        void verify(Session session) throws Exception;
    }
}
