package dev.mantlemock.answer;

import dev.mantlemock.domain.Json;
import dev.mantlemock.tokens.TokenEstimator;
import dev.mantlemock.tokens.TokenFacts;
import dev.mantlemock.domain.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.ThinkingDecision;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mock "model": a deterministic answer for a validated request. The same body (and global seed)
 * always gives the same answer; {@code stream} is left out of the seed so a streamed and a plain
 * call of the same request agree. Honours max_tokens, stop_sequences, tool_choice, thinking,
 * structured outputs and document citations.
 */
public final class AnswerGenerator {
    /** A default answer is this long (in tokens) unless max_tokens is smaller. */
    static final int MIN_ANSWER_TOKENS = 20;
    static final int MAX_ANSWER_TOKENS = 60;
    /** Thinking length when no budget limits it further. */
    static final int MIN_THINKING_TOKENS = 24;
    static final int MAX_THINKING_TOKENS = 80;

    private final long globalSeed;
    private final TokenEstimator estimator;
    private final SchemaSampler sampler;
    private final ToolCaller toolCaller;

    public AnswerGenerator(long globalSeed, TokenEstimator estimator, SchemaSampler sampler) {
        this.globalSeed = globalSeed;
        this.estimator = estimator;
        this.sampler = sampler;
        this.toolCaller = new ToolCaller(sampler);
    }

    public AnswerGenerator(long globalSeed) {
        this(globalSeed, new TokenEstimator(), new SchemaSampler());
    }

    public Answer generate(MessageRequest request, ModelSpec model) {
        SplittableRandom rnd = new SplittableRandom(seed(request));
        Reply reply = new Reply(request.maxTokens(), request.stopSequences(), estimator, model);
        if (ThinkingDecision.on(request, model)) {
            think(request, model, reply, rnd.split());
        }
        long budget = charsFor(request.maxTokens(), model);
        List<ObjectNode> calls = toolCaller.calls(request, rnd.split(), budget);
        if (!calls.isEmpty()) {
            if (request.toolChoiceType().equals("auto") && rnd.nextBoolean()) {
                reply.text("I'll use the " + calls.get(0).path("name").asText() + " tool for this.", null);
            }
            boolean chosen = request.toolChoiceType().equals("auto"); // any/tool force the call, and text before it
            calls.forEach(call -> reply.toolUse(call, chosen));
            return reply.finish("tool_use");
        }
        JsonNode schema = request.outputSchema();
        if (!schema.isMissingNode()) {
            reply.text(Json.compact(sampler.sample(schema, rnd.split(), budget)), null);
            return reply.finish("end_turn");
        }
        List<ObjectNode> citations = Citer.citations(request, rnd.split());
        if (!citations.isEmpty()) {
            cite(request, citations, reply);
            return reply.finish("end_turn");
        }
        reply.text(Prose.answer(request, between(rnd, MIN_ANSWER_TOKENS, MAX_ANSWER_TOKENS), rnd), null);
        return reply.finish("end_turn");
    }

    /**
     * How many characters of JSON max_tokens can hold, and a little more: the schema sampler stops
     * there, so a schema asking for millions of items costs what the answer may show, then is cut.
     */
    static long charsFor(int maxTokens, ModelSpec model) {
        return (long) Math.ceil(Math.max(0, maxTokens) * TokenFacts.CHARS_PER_TOKEN / model.tokenizerFactor()) + 16;
    }

    /** The seed of one request: a hash of its canonical body (minus {@code stream}) mixed with the global seed. */
    long seed(MessageRequest request) {
        return Json.sha256Long(Json.canonicalWithout(request.json(), "stream")) ^ (globalSeed * 0x9E3779B97F4A7C15L);
    }

    /** A thinking block first, no longer than the budget (adaptive thinking has none) nor max_tokens. */
    private void think(MessageRequest request, ModelSpec model, Reply reply, SplittableRandom rnd) {
        JsonNode thinking = request.thinking();
        int target = between(rnd, MIN_THINKING_TOKENS, MAX_THINKING_TOKENS);
        if (thinking.has("budget_tokens")) {
            target = Math.min(target, thinking.get("budget_tokens").asInt());
        }
        String heard = Prose.lastUserText(request);
        StringBuilder text = new StringBuilder(heard.isEmpty() ? "" : "The user wrote: \"" + heard + "\". ");
        text.append("Let me think about how to answer.");
        Prose.appendSentences(text, target, rnd);
        String thought = cutToTokens(text.toString(), target, model);
        // Left out, display is the model's default: "omitted" on Opus 4.7 and later (empty thinking text).
        reply.thinking(thought, ThinkingDecision.omitted(request, model));
    }

    /** Thinking is planned to its target length (the budget); the reply then enforces max_tokens on top. */
    private static String cutToTokens(String text, int tokens, ModelSpec model) {
        int n = text.codePointCount(0, text.length());
        while (n > 0 && TokenEstimator.tokensForChars(n, model) > tokens) {
            n--;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, n));
        int lastSpace = cut.lastIndexOf(' ');
        // End on a whole word when the cut fell inside one, as a model's thought would.
        return cut.length() < text.length() && lastSpace > 0 ? cut.substring(0, lastSpace) : cut;
    }

    /** An uncited lead-in (echoing the question), then one text block per citation. */
    private void cite(MessageRequest request, List<ObjectNode> citations, Reply reply) {
        String heard = Prose.lastUserText(request);
        reply.text((heard.isEmpty() ? "" : "You said: \"" + heard + "\". ") + "According to the documents:", null);
        for (ObjectNode citation : citations) {
            reply.text(" " + citation.path("cited_text").asText().trim(), Json.NODES.arrayNode().add(citation));
        }
    }

    private static int between(SplittableRandom rnd, int min, int max) {
        return min + rnd.nextInt(max - min + 1);
    }
}
