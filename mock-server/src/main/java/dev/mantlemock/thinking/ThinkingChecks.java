package dev.mantlemock.thinking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;

/**
 * The checks the first-party API makes on thinking blocks sent back in assistant turns:
 * <ul>
 *   <li>each signature must be one the mock made over that very text: a changed text in the latest
 *       assistant message "cannot be modified", anything else is an "Invalid `signature`" (redacted
 *       blocks: their sealed {@code data}). Checked whether or not the request turns thinking on: blocks
 *       sent back are blocks the API reads;</li>
 *   <li>with thinking on, the assistant turn of the open tool-use cycle (the one before the last
 *       {@code tool_result} set) must start with its thinking block: what frameworks that drop it hit.</li>
 * </ul>
 * A missing {@code signature} is a shape error, reported by validation ({@code ...thinking.signature: Field required}).
 */
public final class ThinkingChecks implements Stage {
    private final BlockSigner signer;
    private final ThinkingSettings settings;

    public ThinkingChecks(BlockSigner signer, ThinkingSettings settings) {
        this.signer = signer;
        this.settings = settings;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return; // nothing is generated from the turns, so the API has no reason to open the blocks
        }
        MessageRequest request = exchange.message();
        JsonNode messages = request.messages();
        if (!settings.signatures.equals("ignore")) {
            int latestAssistant = latestAssistant(messages);
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).path("role").asText().equals("assistant")) {
                    verifyTurn(messages.get(i).path("content"), i, i == latestAssistant);
                }
            }
        }
        if (thinkingFirstApplies(request)) {
            checkThinkingFirst(messages);
        }
    }

    private void verifyTurn(JsonNode content, int message, boolean latest) {
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            BlockSigner.Verdict verdict = switch (block.path("type").asText()) {
                case "thinking" -> signer.verifyThinking(block.path("thinking").asText(), block.path("signature").asText());
                case "redacted_thinking" -> signer.verifyRedacted(block.path("data").asText());
                default -> BlockSigner.Verdict.VALID;
            };
            if (verdict == BlockSigner.Verdict.VALID
                    || (verdict == BlockSigner.Verdict.FOREIGN && settings.signatures.equals("verify-own"))) {
                continue;
            }
            if (verdict == BlockSigner.Verdict.TEXT_CHANGED && latest) {
                throw ApiException.of(ApiError.THINKING_BLOCK_MODIFIED, message, j);
            }
            throw ApiException.of(block.path("type").asText().equals("thinking")
                    ? ApiError.THINKING_SIGNATURE_INVALID : ApiError.REDACTED_THINKING_INVALID, message, j);
        }
    }

    private boolean thinkingFirstApplies(MessageRequest request) {
        String type = request.thinking().path("type").asText("disabled");
        return switch (settings.thinkingFirst) {
            case "enabled" -> type.equals("enabled");
            case "enabled-and-adaptive" -> type.equals("enabled") || type.equals("adaptive");
            default -> false;
        };
    }

    /** The last message hands back tool results: the assistant turn before it must start by thinking. */
    private static void checkThinkingFirst(JsonNode messages) {
        int last = messages.size() - 1;
        if (last < 1 || !holds(messages.get(last), "tool_result") || !holds(messages.get(last - 1), "tool_use")) {
            return;
        }
        JsonNode first = messages.get(last - 1).path("content").get(0);
        String type = first.path("type").asText();
        if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
            throw ApiException.of(ApiError.THINKING_NOT_FIRST, last - 1, type);
        }
    }

    private static boolean holds(JsonNode message, String blockType) {
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals(blockType)) {
                return true;
            }
        }
        return false;
    }

    private static int latestAssistant(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals("assistant")) {
                return i;
            }
        }
        return -1;
    }
}
