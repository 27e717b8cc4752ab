package dev.mantlemock.answer;

import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.tokens.TokenEstimator;
import java.util.List;
import java.util.Map;

/**
 * Holds every answer to the request it answers, whoever made it (a fixture, a recording, a test-kit
 * stub, the generator), before its thinking blocks are signed: the mock never sends an answer Bedrock
 * could not send, and never refuses one of its own when a client sends it back. Where the fix is
 * unambiguous the answer is adapted and the {@code x-mock-adapted} header (and the journal) says how;
 * otherwise the client gets {@link ApiError#ANSWER_BREAKS_RULE} naming the answer's origin and the rule.
 */
public final class AnswerConformance implements Stage {
    /** The response header listing what was adapted, "; "-separated; the journal keeps it. */
    public static final String ADAPTED_HEADER = "x-mock-adapted";
    /**
     * On the mock error for an answer that breaks a rule: the same message, as a header the journal keeps, so
     * the test kit can fail the test that set up the fixture or stub (kit.StubViolations).
     */
    public static final String BROKEN_RULE_HEADER = "x-mock-stub-violation";

    /** In order: thinking first, then what is called, its input, how it stops, what it costs. */
    private static final List<AnswerRule> RULES = List.of(new ThinkingRule(), new ToolChoiceRule(), new ToolInputRule(),
            new StopRule(), new UsageRule());

    private final TokenEstimator estimator;

    public AnswerConformance(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.ANSWER, Slot.ANSWER_ORIGIN).andProvides(Slot.ANSWER);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return;
        }
        Outcome outcome = hold(exchange.answer(), exchange.message(), exchange.model());
        if (outcome.problem() != null) {
            ApiException broken = ApiException.of(ApiError.ANSWER_BREAKS_RULE, exchange.answerOrigin(), outcome.problem());
            throw broken.withHeaders(Map.of(BROKEN_RULE_HEADER, broken.getMessage().replaceAll("[\\r\\n]+", " ")));
        }
        if (!outcome.adaptations().isEmpty()) {
            exchange.responseHeader(ADAPTED_HEADER, String.join("; ", outcome.adaptations()));
        }
        exchange.answer(outcome.answer());
    }

    /**
     * The answer held to the rules for a request: adapted (with what was changed), or the rule it
     * breaks. What the stage does, and what {@code --check-fixtures} runs on a fixture's recorded request.
     */
    public Outcome hold(Answer answer, MessageRequest request, ModelSpec model) {
        Answering on = new Answering(request, model, estimator);
        Answer held = answer;
        try {
            for (AnswerRule rule : RULES) {
                held = rule.hold(held, on);
            }
        } catch (AnswerRule.Broken broken) {
            return new Outcome(answer, List.copyOf(on.adaptations()), broken.getMessage());
        }
        return new Outcome(held, List.copyOf(on.adaptations()), null);
    }

    /**
     * @param answer      the answer as it may be sent (adapted), or as it was when a rule is broken
     * @param adaptations what was changed, in order
     * @param problem     the rule broken, or null
     */
    public record Outcome(Answer answer, List<String> adaptations, String problem) {}
}
