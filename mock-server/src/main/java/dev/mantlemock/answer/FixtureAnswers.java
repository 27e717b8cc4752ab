package dev.mantlemock.answer;

import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.domain.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.StopReasons;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a fixture's scripted response into an answer: fills in what a script may leave out (tool-use
 * ids, output tokens, refusal details), deterministically for the same fixture.
 */
public final class FixtureAnswers {
    private final TokenEstimator estimator;

    public FixtureAnswers(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    public Answer answer(Fixture fixture, MessageRequest request, ModelSpec model) {
        SplittableRandom rnd = new SplittableRandom(fixture.name.hashCode());
        List<ObjectNode> content = new ArrayList<>();
        int tokens = 0;
        int thinkingTokens = 0;
        for (JsonNode node : fixture.response.content) {
            ObjectNode block = node.deepCopy();
            switch (block.path("type").asText()) {
                case "tool_use" -> {
                    if (!block.hasNonNull("id")) {
                        block.put("id", Ids.toolUseId(rnd));
                    }
                    if (!block.has("input")) {
                        block.putObject("input");
                    }
                }
                default -> { } // thinking without a signature is signed by thinking.AnswerSigning
            }
            int blockTokens = estimator.estimateBlock(block, model);
            tokens += blockTokens;
            if (block.path("type").asText().endsWith("thinking")) {
                thinkingTokens += blockTokens;
            }
            content.add(block);
        }
        JsonNode usage = fixture.response.usage;
        int outputTokens = usage != null && usage.has("output_tokens") ? usage.get("output_tokens").asInt() : Math.max(tokens, content.isEmpty() ? 0 : 1);
        String stop = fixture.response.stopReason;
        return new Answer(content, stop, fixture.response.stopSequence, outputTokens, Math.min(thinkingTokens, outputTokens),
                StopReasons.complete(stop, fixture.response.stopDetails));
    }
}
