package dev.mantlemock.answer;

import dev.mantlemock.domain.Answer;

/**
 * Usage agrees with what is sent: no more output tokens than {@code max_tokens}, and at least one when
 * there is content. Broken, never adapted: a scripted count is the author's to correct.
 */
final class UsageRule implements AnswerRule {
    @Override
    public Answer hold(Answer answer, Answering on) {
        int max = on.request().maxTokens();
        if (answer.outputTokens() > max) {
            throw new Broken("it reports " + answer.outputTokens() + " output tokens, more than the request's max_tokens "
                    + max + " (a longer answer is cut with stop_reason max_tokens)");
        }
        if (!answer.content().isEmpty() && answer.outputTokens() < 1) {
            throw new Broken("it reports 0 output tokens for content it sends");
        }
        return answer;
    }
}
