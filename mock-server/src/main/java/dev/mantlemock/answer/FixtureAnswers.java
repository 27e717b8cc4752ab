package dev.mantlemock.answer;

import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.domain.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a fixture's scripted response into an answer: fills in what a script may leave out (tool-use
 * ids, thinking signatures, output tokens), deterministically for the same fixture.
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
                case "thinking" -> {
                    if (!block.hasNonNull("signature")) {
                        block.put("signature", Ids.thinkingSignature(rnd));
                    }
                }
                default -> { }
            }
            tokens += estimator.estimateBlock(block, model);
            content.add(block);
        }
        JsonNode usage = fixture.response.usage;
        int outputTokens = usage != null && usage.has("output_tokens") ? usage.get("output_tokens").asInt() : Math.max(tokens, content.isEmpty() ? 0 : 1);
        return new Answer(content, fixture.response.stopReason, fixture.response.stopSequence, outputTokens);
    }
}
