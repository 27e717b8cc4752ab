package dev.mantlemock.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stubs held to the request: the answers a stub gave that break what the request allows (a tool it does not
 * offer, an input its schema refuses, ...). Two sources, one list: the mark the mock itself puts on an
 * answer it refused ({@value #HEADER}, an answer header the journal keeps, whose value is the mock's message
 * naming the stub and the rule), and, until every such answer is refused by the mock, the kit's own
 * {@link StubToolCheck} over the stubs it added.
 */
final class StubViolations {
    /** The answer header with which the mock marks a stub's answer it refused as breaking the request's rules. */
    static final String HEADER = "x-mock-stub-violation";

    private StubViolations() {}

    static List<String> in(List<RecordedRequest> requests, Map<String, Stub.Answer> stubs) {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            var marked = r.answerHeader(HEADER);
            if (marked.isPresent()) {
                out.add(marked.get() + " (request " + r.requestId() + ", answered " + r.status() + ")");
                continue; // the mock's own verdict covers this answer
            }
            r.answeredBy().map(stubs::get).ifPresent(stub -> out.addAll(StubToolCheck.problems(r.answeredBy().get(), stub, r)));
        }
        return out;
    }
}
