package dev.mantlemock.thinking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs the answer's thinking blocks, whoever made them: a block without a signature (the generator's,
 * or a fixture's that leaves it out) is signed over its text and what preceded it in the conversation
 * (the request, then the answer's earlier blocks: {@link ConversationPrefix}), so that it is bound to
 * this conversation when sent back; a redacted block's data is sealed unless it
 * already is. A signature a fixture writes is kept as written (made with {@code thinking.signing-key}, it
 * verifies when sent back; any other is refused then, as a forged one would be).
 */
public final class AnswerSigning implements Stage {
    private final BlockSigner signer;

    public AnswerSigning(BlockSigner signer) {
        this.signer = signer;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.ANSWER).andProvides(Slot.ANSWER);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return;
        }
        Answer answer = exchange.answer();
        if (!answer.thought()) {
            return;
        }
        List<ObjectNode> content = answer.content();
        List<ObjectNode> signed = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            int at = i;
            signed.add(sign(content.get(i), () -> ConversationPrefix.ofAnswer(exchange.message(), content, at)));
        }
        exchange.answer(answer.withContent(List.copyOf(signed)));
    }

    private ObjectNode sign(ObjectNode block, java.util.function.Supplier<byte[]> prefix) {
        switch (block.path("type").asText()) {
            case "thinking" -> {
                if (block.path("signature").asText("").isEmpty()) {
                    return block.deepCopy().put("signature", signer.signThinking(block.path("thinking").asText(), prefix.get()));
                }
            }
            case "redacted_thinking" -> {
                String data = block.path("data").asText("");
                if (!signer.isSealed(data)) {
                    return block.deepCopy().put("data", signer.sealRedacted(data));
                }
            }
            default -> { }
        }
        return block;
    }
}
