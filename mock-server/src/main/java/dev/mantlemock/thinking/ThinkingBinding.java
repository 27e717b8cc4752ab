package dev.mantlemock.thinking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.InputTransformations;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Preserved thinking (models.yaml {@code preserved-thinking}): a thinking block sent back must come with the
 * conversation it was made in. When what preceded it changed (system, tools, earlier turns, earlier blocks)
 * the request is refused with the documented 400, unless the beta {@code thinking-binding-controls-2026-08-01}
 * asks {@code thinking.block_binding.prefix_mismatch_behavior: "drop_block"}: then the block, and the rest of
 * that turn's consecutive thinking blocks, are removed and reported in {@code input_transformations}.
 * Blocks are judged against the request as sent, so dropping one does not condemn the next.
 */
public final class ThinkingBinding implements Stage {
    static final String BETA = "thinking-binding-controls-2026-08-01";
    private static final String BLOCK_BINDING = "block_binding";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final BlockSigner signer;
    private final ThinkingSettings settings;

    public ThinkingBinding(BlockSigner signer, ThinkingSettings settings) {
        this.signer = signer;
        this.settings = settings;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.BETAS).andProvides(Slot.MESSAGE, Slot.INPUT_TRANSFORMATIONS);
    }

    @Override
    public void process(Exchange exchange) {
        MessageRequest request = exchange.message();
        boolean beta = exchange.betas().contains(BETA);
        JsonNode thinking = request.thinking();
        if (thinking.has(BLOCK_BINDING) && !beta) {
            throw ApiException.of(ApiError.EXTRA_INPUT, "thinking." + thinking.path("type").asText() + "." + BLOCK_BINDING);
        }
        exchange.inputTransformations(beta ? new InputTransformations(F.arrayNode()) : InputTransformations.NONE);
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS || !exchange.model().capabilities().preservedThinking()
                || !settings.binding.equals("enforce")) {
            return;
        }
        boolean drop = thinking.path(BLOCK_BINDING).path("prefix_mismatch_behavior").asText("error").equals("drop_block");
        List<int[]> unbound = unboundBlocks(request);
        if (unbound.isEmpty()) {
            return;
        }
        if (!drop) {
            throw ApiException.of(ApiError.THINKING_BOUND_TO_OTHER_CONVERSATION, unbound.get(0)[0], unbound.get(0)[1]);
        }
        ObjectNode body = request.json().deepCopy();
        ArrayNode report = F.arrayNode();
        dropFromTheLast(body, unbound, report);
        exchange.message(new MessageRequest(body));
        exchange.inputTransformations(new InputTransformations(beta ? sortedByPath(report) : F.arrayNode()));
    }

    /** Each thinking block whose signature binds it to another conversation, as {message, block}, in request order. */
    private List<int[]> unboundBlocks(MessageRequest request) {
        List<int[]> found = new ArrayList<>();
        JsonNode messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).path("role").asText().equals("assistant")) {
                continue;
            }
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                if (isUnbound(request, content.get(j), i, j)) {
                    found.add(new int[] {i, j});
                }
            }
        }
        return found;
    }

    private boolean isUnbound(MessageRequest request, JsonNode block, int message, int index) {
        if (!block.path("type").asText().equals("thinking")) {
            return false;
        }
        String signature = block.path("signature").asText();
        if (signer.verifyThinking(block.path("thinking").asText(), signature) != BlockSigner.Verdict.VALID) {
            return false; // ThinkingChecks judged it already (or the settings let a foreign one through)
        }
        Optional<byte[]> bound = signer.boundPrefix(signature);
        return bound.isPresent() && !MessageDigest.isEqual(bound.get(), ConversationPrefix.ofRequest(request, message, index));
    }

    /**
     * Removes each unbound block with the consecutive thinking blocks after it in its turn, from the last turn
     * back so earlier indexes stay right, and reports each removal at its place in the request as sent.
     */
    private static void dropFromTheLast(ObjectNode body, List<int[]> unbound, ArrayNode report) {
        for (int k = unbound.size() - 1; k >= 0; k--) {
            int message = unbound.get(k)[0];
            int first = unbound.get(k)[1];
            if (k > 0 && unbound.get(k - 1)[0] == message && consecutive(body, message, unbound.get(k - 1)[1], first)) {
                continue; // removed with the earlier one of the same run
            }
            ArrayNode content = (ArrayNode) body.path("messages").get(message).path("content");
            int end = first;
            while (end < content.size() && isThinking(content.get(end))) {
                end++;
            }
            for (int j = end - 1; j >= first; j--) {
                content.remove(j);
                report.addObject().put("type", "thinking_dropped").put("path", "messages." + message + ".content." + j)
                        .put("reason", "prefix_binding_mismatch");
            }
        }
    }

    private static boolean consecutive(ObjectNode body, int message, int from, int to) {
        JsonNode content = body.path("messages").get(message).path("content");
        for (int j = from; j <= to; j++) {
            if (!isThinking(content.get(j))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isThinking(JsonNode block) {
        String type = block.path("type").asText();
        return type.equals("thinking") || type.equals("redacted_thinking");
    }

    private static ArrayNode sortedByPath(ArrayNode report) {
        List<JsonNode> entries = new ArrayList<>();
        report.forEach(entries::add);
        entries.sort(java.util.Comparator.comparing((JsonNode e) -> index(e, 1)).thenComparing(e -> index(e, 3)));
        ArrayNode sorted = F.arrayNode();
        entries.forEach(sorted::add);
        return sorted;
    }

    private static int index(JsonNode entry, int part) {
        return Integer.parseInt(entry.path("path").asText().split("\\.")[part]);
    }
}
