package dev.mantlemock.answer;

import dev.mantlemock.domain.Answer;

/**
 * One rule every answer obeys for the request it answers (the rules are listed in docs/fixtures.md).
 * A rule returns the answer, adapted where the fix is unambiguous (and says so to {@link Answering#adapted}),
 * or throws {@link Broken} where it is not.
 */
interface AnswerRule {
    Answer hold(Answer answer, Answering on);

    /** The answer breaks the rule in a way only its author can fix; the message names the rule. */
    final class Broken extends RuntimeException {
        Broken(String rule) {
            super(rule, null, false, false);
        }
    }
}
