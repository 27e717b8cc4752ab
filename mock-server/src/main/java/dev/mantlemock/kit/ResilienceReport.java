package dev.mantlemock.kit;

import java.util.List;

/**
 * The verdicts on how a client met the failures of one test, read from the journal's recorded instants:
 * each verdict passed, failed (with every offending request) or had nothing to judge.
 */
public record ResilienceReport(List<Verdict> verdicts) {

    /** The five verdicts, named as failure messages name them. */
    public static final String RETRY_AFTER = "waits for retry-after after a 429";
    public static final String BACKOFF = "retries 529 and 5xx with backoff, within a bound";
    public static final String NO_RETRY_OF_CLIENT_ERRORS = "never retries a 400 or 403";
    public static final String SHOULD_RETRY_FALSE = "honours x-should-retry: false";
    public static final String CUT_STREAM = "does not take a cut stream as complete";

    /** One verdict: its name, how many events it judged, and what went wrong (empty when it passed). */
    public record Verdict(String name, int judged, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            String head = (judged == 0 ? "  -  " : passed() ? "  ok " : "  FAIL ") + name
                    + (judged == 0 ? " (nothing to judge)" : " (" + judged + " judged)");
            return head + failures.stream().map(f -> "\n        " + f).reduce("", String::concat);
        }
    }

    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public List<Verdict> failed() {
        return verdicts.stream().filter(v -> !v.passed()).toList();
    }

    /** Whether the test gave the client anything to be resilient about (a failure, a cut stream). */
    public boolean judgedAnything() {
        return verdicts.stream().anyMatch(v -> v.judged() > 0);
    }

    @Override
    public String toString() {
        return "Client resilience:" + verdicts.stream().map(v -> "\n" + v).reduce("", String::concat);
    }
}
