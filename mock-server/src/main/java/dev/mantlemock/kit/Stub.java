package dev.mantlemock.kit;

import dev.mantlemock.faults.FaultRuleSpec;

/** What {@link MantleMock#stubFor} takes: an answer (a fixture) or a failure (a fault rule). */
public sealed interface Stub permits Stub.Answer, Stub.Failure {

    /** Requests matching the pattern get the reply, until the test ends. */
    record Answer(RequestPattern pattern, Reply reply) implements Stub {}

    /** Requests matching the pattern fail: every time, or the next {@link #times} only, or with a probability. */
    final class Failure implements Stub {
        private final RequestPattern pattern;
        private final Fault fault;
        private Integer times;
        private Double probability;

        Failure(RequestPattern pattern, Fault fault) {
            this.pattern = pattern;
            this.fault = fault;
        }

        /** Fail this many matching requests, then let them through: "a 529 twice, then success". */
        public Failure times(int count) {
            this.times = count;
            return this;
        }

        /** Fail each matching request with this chance, drawn from the mock's seeded generator. */
        public Failure probability(double chance) {
            this.probability = chance;
            return this;
        }

        /** The fault rule, as {@code POST /_mock/faults} would receive it. Faults match model and endpoint only. */
        FaultRuleSpec spec() {
            if (!pattern.beyondModel().isEmpty() || (pattern.model() != null && pattern.model().endsWith("*"))) {
                throw new IllegalArgumentException("a fault matches by exact model only, not by " + pattern.beyondModel()
                        + "; to fail a particular request, reply with an error instead: willReturn(error(...))");
            }
            FaultRuleSpec s = fault.spec();
            s.model = pattern.model();
            s.endpoint = "messages";
            s.times = times;
            s.probability = probability;
            return s;
        }

        @Override
        public String toString() {
            return fault + (times == null ? "" : " x" + times) + " for " + pattern;
        }
    }
}
