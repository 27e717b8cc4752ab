package dev.mantlemock.tokens;

import dev.mantlemock.domain.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic token estimate: {@code ceil(characters / 3.5 × tokenizerFactor)} per piece of text,
 * the pixel formula for images, fixed overheads from {@link TokenFacts}. Only the prompt (tools,
 * system, messages) counts, so a count_tokens body and the same Messages body give the same number.
 */
public final class TokenEstimator {

    public int estimateInput(MessageRequest request, ModelSpec model) {
        int total = 0;
        for (PromptPart part : parts(request, model, false)) {
            total += part.tokens();
        }
        return total;
    }

    /** The prompt cut into parts in cache order: tools → system → messages; the tokens sum to {@link #estimateInput}. */
    public List<PromptPart> parts(MessageRequest request, ModelSpec model) {
        return parts(request, model, true);
    }

    /**
     * @param fingerprints whether to write each block's canonical JSON (only the prompt cache needs it; a
     *                     plain count skips it, and with it a JSON serialisation per block per request)
     */
    private List<PromptPart> parts(MessageRequest request, ModelSpec model, boolean fingerprints) {
        List<PromptPart> parts = new ArrayList<>();
        JsonNode tools = request.tools();
        if (tools.size() > 0) {
            parts.add(overhead("tools", TokenFacts.TOOLS_OVERHEAD_TOKENS));
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                String json = Json.canonical(Json.withoutCacheControl(tool));
                parts.add(block("tools." + i, json, estimateText(json, model), tool));
            }
        }
        JsonNode system = request.system();
        if (system.isTextual()) {
            parts.add(block("system", fingerprints ? Json.canonical(system) : null, estimateText(system.asText(), model), null));
        } else if (system.isArray()) {
            for (int i = 0; i < system.size(); i++) {
                JsonNode b = system.get(i);
                parts.add(block("system." + i, fingerprints ? Json.canonical(Json.withoutCacheControl(b)) : null, estimateBlock(b, model), b));
            }
        }
        JsonNode messages = request.messages();
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            String role = message.path("role").asText();
            parts.add(overhead("messages." + m + ".role:" + role, TokenFacts.MESSAGE_OVERHEAD_TOKENS));
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                parts.add(block("messages." + m + ".content", fingerprints ? Json.canonical(content) : null,
                        estimateText(content.asText(), model), null));
            } else {
                for (int c = 0; c < content.size(); c++) {
                    JsonNode b = content.get(c);
                    parts.add(block("messages." + m + ".content." + c, fingerprints ? Json.canonical(Json.withoutCacheControl(b)) : null,
                            estimateBlock(b, model), b));
                }
            }
        }
        return parts;
    }

    public int estimateText(String text, ModelSpec model) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return tokensForChars(text.codePointCount(0, text.length()), model);
    }

    /** Tokens of a JSON value written compactly (tool inputs, tool definitions). */
    public int estimateJson(JsonNode value, ModelSpec model) {
        return estimateText(Json.compact(value), model);
    }

    /** Tokens of one request or response content block; unknown types count as their JSON. */
    public int estimateBlock(JsonNode block, ModelSpec model) {
        if (block.isTextual()) {
            return estimateText(block.asText(), model);
        }
        switch (block.path("type").asText()) {
            case "text":
                return estimateText(block.path("text").asText(), model);
            case "image":
                return estimateImage(block.path("source"));
            case "document":
                return estimateDocument(block, model);
            case "search_result":
                return estimateText(block.path("title").asText(""), model) + estimateText(block.path("source").asText(""), model)
                        + sumBlocks(block.path("content"), model);
            case "tool_use":
                return estimateText(block.path("name").asText(), model) + estimateJson(block.path("input"), model);
            case "tool_result":
                return sumBlocks(block.path("content"), model);
            case "thinking":
                return estimateText(block.path("thinking").asText(), model);
            case "redacted_thinking":
                return estimateText(block.path("data").asText(), model);
            default:
                return estimateJson(Json.withoutCacheControl(block), model);
        }
    }

    /** The documented pixel formula after downscaling; a fixed fallback when the header is unreadable. */
    public int estimateImage(JsonNode source) {
        if (!source.path("type").asText().equals("base64")) {
            return TokenFacts.IMAGE_FALLBACK_TOKENS;
        }
        return ImageSize.fromBase64(source.path("data").asText(""))
                .map(ImageSize::tokens)
                .orElse(TokenFacts.IMAGE_FALLBACK_TOKENS);
    }

    private int estimateDocument(JsonNode document, ModelSpec model) {
        int tokens = estimateText(document.path("title").asText(""), model) + estimateText(document.path("context").asText(""), model);
        JsonNode source = document.path("source");
        switch (source.path("type").asText()) {
            case "text":
                return tokens + estimateText(source.path("data").asText(""), model);
            case "base64": {
                long decodedBytes = source.path("data").asText("").length() * 3L / 4;
                return tokens + tokensForChars((long) Math.ceil(decodedBytes / TokenFacts.PDF_BYTES_PER_CHAR), model);
            }
            case "content":
                return tokens + sumBlocks(source.path("content"), model);
            default:
                return tokens + estimateJson(source, model);
        }
    }

    /** A string counts as text; an array as the sum of its blocks. */
    private int sumBlocks(JsonNode content, ModelSpec model) {
        if (content.isTextual()) {
            return estimateText(content.asText(), model);
        }
        int sum = 0;
        for (JsonNode b : content) {
            sum += estimateBlock(b, model);
        }
        return sum;
    }

    /** Tokens of a text of this many characters (code points). */
    public static int tokensForChars(long chars, ModelSpec model) {
        if (chars <= 0) {
            return 0;
        }
        // The epsilon keeps float noise (35 / 3.5 × 1.3 = 13.000000000000002) from adding a token.
        return (int) Math.ceil(chars / TokenFacts.CHARS_PER_TOKEN * model.tokenizerFactor() - 1e-9);
    }

    private static PromptPart overhead(String where, int tokens) {
        return new PromptPart(where, "overhead:" + where, tokens, null, false);
    }

    private static PromptPart block(String where, String fingerprint, int tokens, JsonNode owner) {
        JsonNode control = owner == null ? null : owner.get("cache_control");
        return new PromptPart(where, fingerprint, tokens, control != null && control.isObject() ? control : null, true);
    }
}
