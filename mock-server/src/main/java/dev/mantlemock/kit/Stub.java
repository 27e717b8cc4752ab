package dev.mantlemock.kit;

import dev.mantlemock.faults.FaultRuleSpec;
import dev.mantlemock.fixtures.Fixture;
import java.util.ArrayList;
import java.util.List;

/** What {@link MantleMock#stubFor} takes: an answer (a fixture) or a failure (a fault rule). */
public sealed interface Stub permits Stub.Answer, Stub.Failure {

    /**
     * Requests matching the pattern get the reply, until the test ends; with {@link #then} they get the
     * replies in turn, and after the last what {@link #thenRepeatLast}, {@link #thenCycle} or
     * {@link #thenPassThrough} says (the last is repeated unless told otherwise).
     */
    final class Answer implements Stub {
        private final RequestPattern pattern;
        private final List<Reply> replies = new ArrayList<>();
        private String afterLast;
        private String id;

        Answer(RequestPattern pattern, Reply first) {
            this.pattern = pattern;
            this.replies.add(first);
        }

        /** The reply to the next matching request, after the previous ones: {@code willReturn(a).then(b).then(c)}. */
        public Answer then(Reply next) {
            replies.add(next);
            return this;
        }

        /** After the last reply, it answers every further matching request (the default). */
        public Answer thenRepeatLast() {
            afterLast = "repeat";
            return this;
        }

        /** After the last reply, start again from the first. */
        public Answer thenCycle() {
            afterLast = "cycle";
            return this;
        }

        /** After the last reply, this stub no longer matches: an older stub, a fixture file or the generator answers. */
        public Answer thenPassThrough() {
            afterLast = "stop";
            return this;
        }

        /** Its id (default {@code stub-N}): for {@link MantleMock#removeStub}, {@code requestsAnsweredBy(id)} and failure messages. */
        public Answer named(String stubId) {
            this.id = stubId;
            return this;
        }

        RequestPattern pattern() {
            return pattern;
        }

        String id() {
            return id;
        }

        List<Reply> replies() {
            return replies;
        }

        /** The fixture it becomes: the first reply's, with the others as its sequence. */
        Fixture toFixture(String name) {
            Fixture f = replies.get(0).toFixture(name, pattern);
            if (replies.size() > 1 || afterLast != null) {
                f.then = new ArrayList<>();
                for (Reply r : replies.subList(1, replies.size())) {
                    Fixture step = r.toFixture(name, pattern);
                    Fixture.Step s = new Fixture.Step();
                    s.response = step.response;
                    s.error = step.error;
                    f.then.add(s);
                }
                f.afterLast = afterLast;
            }
            return f;
        }

        @Override
        public String toString() {
            return (id == null ? "" : id + ": ") + pattern + (replies.size() > 1 ? " (" + replies.size() + " replies in turn)" : "");
        }
    }

    /** Requests matching the pattern fail: every time, or the next {@link #times} only, or with a probability. */
    final class Failure implements Stub {
        private final RequestPattern pattern;
        private final String stubId;
        private final Fault fault;
        private Integer times;
        private Double probability;

        Failure(RequestPattern pattern, Fault fault) {
            this(pattern, null, fault);
        }

        Failure(RequestPattern pattern, String stubId, Fault fault) {
            this.pattern = pattern;
            this.stubId = stubId;
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

        /**
         * The fault rule, as {@code POST /_mock/faults} would receive it. A fault matches by model and endpoint,
         * or by the requests one stub answers ({@code requestsAnsweredBy(id)}).
         */
        FaultRuleSpec spec() {
            if (pattern != null && (!pattern.beyondModel().isEmpty() || (pattern.model() != null && pattern.model().endsWith("*")))) {
                throw new IllegalArgumentException("a fault matches by exact model only, not by " + pattern.beyondModel()
                        + "; to fail the requests of one stub, name the stub and use requestsAnsweredBy(id).willFail(...),"
                        + " or reply with an error: willReturn(error(...))");
            }
            FaultRuleSpec s = fault.spec();
            s.model = pattern == null ? null : pattern.model();
            s.stub = stubId;
            s.endpoint = "messages";
            s.times = times;
            s.probability = probability;
            return s;
        }

        @Override
        public String toString() {
            return fault + (times == null ? "" : " x" + times) + " for " + (stubId != null ? "the requests stub " + stubId + " answers" : pattern);
        }
    }
}
