package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiVersion;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Content blocks of messages and system prompts: which block types exist, which fields each may have,
 * and the sources of images and documents. Server-tool blocks are accepted here and refused by the
 * feature policy, so the user is told the feature is unsupported rather than that the shape is wrong.
 */
final class ContentRules {
    private static final Map<String, Set<String>> BLOCK_FIELDS = Map.ofEntries(
            Map.entry("text", Set.of("type", "text", "cache_control", "citations")),
            Map.entry("image", Set.of("type", "source", "cache_control")),
            Map.entry("document", Set.of("type", "source", "title", "context", "citations", "cache_control")),
            Map.entry("search_result", Set.of("type", "source", "title", "content", "citations", "cache_control")),
            Map.entry("tool_use", Set.of("type", "id", "name", "input", "cache_control", "caller")),
            Map.entry("tool_result", Set.of("type", "tool_use_id", "content", "is_error", "cache_control")),
            Map.entry("thinking", Set.of("type", "thinking", "signature")),
            Map.entry("redacted_thinking", Set.of("type", "data")));

    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** Blocks that only make sense with server tools: shape unchecked, the feature policy decides. */
    private final Set<String> serverBlocks;
    private final Set<String> allTags;

    /** @param serverBlocks the feature table's block types, so the two lists can never disagree */
    ContentRules(Set<String> serverBlocks) {
        this.serverBlocks = Set.copyOf(serverBlocks);
        Set<String> tags = new HashSet<>(BLOCK_FIELDS.keySet());
        tags.addAll(serverBlocks);
        this.allTags = Set.copyOf(tags);
    }

    /** A message's {@code content}: a string, or a list of blocks. */
    void checkContent(JsonNode content, String path, String role, ApiVersion version) {
        if (content.isTextual()) {
            return;
        }
        ArrayNode blocks = Check.array(content, path);
        for (int i = 0; i < blocks.size(); i++) {
            checkBlock(blocks.get(i), Check.join(path, i), role, version);
        }
    }

    static void checkSystem(JsonNode system, String path) {
        if (system.isTextual()) {
            return;
        }
        ArrayNode blocks = Check.array(system, path);
        for (int i = 0; i < blocks.size(); i++) {
            String where = Check.join(path, i);
            ObjectNode block = Check.object(blocks.get(i), where);
            Check.tag(block, where, Set.of("text"));
            checkText(block, where);
        }
    }

    private void checkBlock(JsonNode node, String path, String role, ApiVersion version) {
        ObjectNode block = Check.object(node, path);
        String type = Check.tag(block, path, allTags);
        if (serverBlocks.contains(type)) {
            return;
        }
        Check.onlyFields(block, path, BLOCK_FIELDS.get(type));
        CacheControlRules.check(block, path);
        switch (type) {
            case "text" -> {
                checkText(block, path);
                if (role.equals("user") && !version.allowsCitationsInUserTurns() && block.path("citations").size() > 0) {
                    throw Check.at(Check.join(path, "citations"), ApiError.CITATIONS_IN_USER_TURN, version.header());
                }
            }
            case "image" -> checkSource(block, path, false);
            case "document" -> {
                if (role.equals("assistant") && !version.allowsCitationsInUserTurns()) {
                    throw Check.at(path, ApiError.DOCUMENT_IN_ASSISTANT_TURN, version.header());
                }
                checkSource(block, path, true);
                optionalString(block, "title", path);
                optionalString(block, "context", path);
                if (block.has("citations") && !block.get("citations").isNull()) {
                    ObjectNode c = Check.object(block.get("citations"), Check.join(path, "citations"));
                    if (c.has("enabled")) {
                        Check.bool(c.get("enabled"), Check.join(path, "citations.enabled"));
                    }
                }
            }
            case "search_result" -> {
                Check.string(Check.required(block, "source", path), Check.join(path, "source"));
                Check.string(Check.required(block, "title", path), Check.join(path, "title"));
                checkSystem(Check.required(block, "content", path), Check.join(path, "content"));
            }
            case "tool_use" -> {
                Check.string(Check.required(block, "id", path), Check.join(path, "id"));
                Check.string(Check.required(block, "name", path), Check.join(path, "name"));
                Check.object(Check.required(block, "input", path), Check.join(path, "input"));
            }
            case "tool_result" -> {
                Check.string(Check.required(block, "tool_use_id", path), Check.join(path, "tool_use_id"));
                if (block.has("is_error")) {
                    Check.bool(block.get("is_error"), Check.join(path, "is_error"));
                }
                if (block.has("content")) {
                    checkContent(block.get("content"), Check.join(path, "content"), role, version);
                }
            }
            case "thinking" -> {
                // First-party paths name the block type: messages.1.content.0.thinking.signature: Field required
                String where = Check.join(path, "thinking");
                Check.string(Check.required(block, "thinking", where), Check.join(where, "thinking"));
                Check.string(Check.required(block, "signature", where), Check.join(where, "signature"));
            }
            case "redacted_thinking" -> {
                String where = Check.join(path, "redacted_thinking");
                Check.string(Check.required(block, "data", where), Check.join(where, "data"));
            }
            default -> throw new IllegalStateException("block table and switch disagree on " + type);
        }
    }

    /** Empty and blank texts are refused as the first-party API does: naming only the list, not the block. */
    private static void checkText(ObjectNode block, String path) {
        Check.onlyFields(block, path, BLOCK_FIELDS.get("text"));
        String text = Check.string(Check.required(block, "text", path), Check.join(path, "text"));
        String list = path.substring(0, path.indexOf('.') < 0 ? path.length() : path.indexOf('.'));
        if (text.isEmpty()) {
            throw Check.at(list, ApiError.EMPTY_TEXT_BLOCK);
        }
        if (text.isBlank()) {
            throw Check.at(list, ApiError.BLANK_TEXT_BLOCK);
        }
        CacheControlRules.check(block, path);
    }

    private static void checkSource(ObjectNode block, String path, boolean document) {
        String where = Check.join(path, "source");
        ObjectNode source = Check.object(Check.required(block, "source", path), where);
        Set<String> tags = document ? Set.of("base64", "text", "content", "url", "file") : Set.of("base64", "url", "file");
        String type = Check.tag(source, where, tags);
        switch (type) {
            case "base64" -> {
                Set<String> mediaTypes = document ? Set.of("application/pdf") : IMAGE_TYPES;
                Check.oneOf(Check.required(source, "media_type", where), Check.join(where, "media_type"), mediaTypes);
                Check.string(Check.required(source, "data", where), Check.join(where, "data"));
            }
            case "text" -> {
                Check.oneOf(Check.required(source, "media_type", where), Check.join(where, "media_type"), Set.of("text/plain"));
                Check.string(Check.required(source, "data", where), Check.join(where, "data"));
            }
            case "content" -> {
                JsonNode content = Check.required(source, "content", where);
                if (!content.isTextual()) {
                    Check.array(content, Check.join(where, "content"));
                }
            }
            case "url" -> Check.string(Check.required(source, "url", where), Check.join(where, "url"));
            case "file" -> Check.string(Check.required(source, "file_id", where), Check.join(where, "file_id"));
            default -> throw new IllegalStateException(type);
        }
    }

    private static void optionalString(ObjectNode block, String field, String path) {
        JsonNode v = block.get(field);
        if (v != null && !v.isNull()) {
            Check.string(v, Check.join(path, field));
        }
    }
}
