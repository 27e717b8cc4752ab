package dev.mantlemock.kit;

import dev.mantlemock.answer.AnswerConformance;
import java.util.ArrayList;
import java.util.List;

/**
 * Stubs held to the request: the answers a stub (or fixture) gave that break what the request allows (a tool
 * it does not offer, an input its schema refuses, ...). The mock's own conformance stage
 * ({@code answer.AnswerConformance}) refuses such an answer and marks the error with {@value #HEADER}, an
 * answer header the journal keeps, whose value is its message naming the stub and the rule: one checker,
 * read here.
 */
final class StubViolations {
    /** The answer header with which the mock marks a stub's answer it refused as breaking the request's rules. */
    static final String HEADER = AnswerConformance.BROKEN_RULE_HEADER;

    private StubViolations() {}

    static List<String> in(List<RecordedRequest> requests) {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            r.answerHeader(HEADER).ifPresent(marked -> out.add(marked + " (request " + r.requestId() + ", answered " + r.status() + ")"));
        }
        return out;
    }
}
