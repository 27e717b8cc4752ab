package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.ThinkingDecision;
import dev.mantlemock.tokens.TokenEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules read about the request an answer is for, and the adaptations made so far. One per
 * answer checked; not shared between threads.
 */
final class Answering {
    private final MessageRequest request;
    private final ModelSpec model;
    private final TokenEstimator estimator;
    private final boolean thinking;
    private final List<String> adaptations = new ArrayList<>(2);

    Answering(MessageRequest request, ModelSpec model, TokenEstimator estimator) {
        this.request = request;
        this.model = model;
        this.estimator = estimator;
        this.thinking = ThinkingDecision.on(request, model);
    }

    MessageRequest request() { return request; }

    ModelSpec model() { return model; }

    /** Whether the model thinks for this request (asked for, or its default). */
    boolean thinking() { return thinking; }

    boolean thinkingOmitted() { return ThinkingDecision.omitted(request, model); }

    /** Notes a change made to the answer, for the {@code x-mock-adapted} header and the journal. */
    void adapted(String what) {
        adaptations.add(what);
    }

    List<String> adaptations() { return adaptations; }

    /**
     * The answer with other content, its output (and thinking) tokens moved by what the new blocks cost
     * more or less than the old: usage keeps agreeing with what is sent.
     */
    Answer withContent(Answer answer, List<ObjectNode> content) {
        int output = answer.outputTokens() + tokens(content, false) - tokens(answer.content(), false);
        int thought = answer.thinkingTokens() + tokens(content, true) - tokens(answer.content(), true);
        output = Math.max(content.isEmpty() ? 0 : 1, output);
        return new Answer(List.copyOf(content), answer.stopReason(), answer.stopSequence(), output,
                Math.max(0, Math.min(thought, output)), answer.stopDetails());
    }

    private int tokens(List<ObjectNode> blocks, boolean thinkingOnly) {
        int sum = 0;
        for (ObjectNode block : blocks) {
            if (!thinkingOnly || isThinking(block)) {
                sum += estimator.estimateBlock(block, model);
            }
        }
        return sum;
    }

    static String type(ObjectNode block) {
        return block.path("type").asText();
    }

    static boolean isThinking(ObjectNode block) {
        String type = type(block);
        return type.equals("thinking") || type.equals("redacted_thinking");
    }
}
