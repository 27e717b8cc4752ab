package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ContextEdits;
import dev.mantlemock.domain.ApiException;
import java.util.Set;

/**
 * {@code context_management.edits}, as the context-editing and compaction pages define them: tool-result
 * clearing ({@code clear_tool_uses_20250919}), thinking-block clearing ({@code clear_thinking_20251015}, which
 * needs thinking on and must come first) and compaction ({@code compact_20260112}). Field shapes follow the
 * official SDKs' types.
 */
final class ContextManagementRules {
    /** [D] The compaction trigger may not be set below 50,000 input tokens. */
    static final int MIN_COMPACTION_TRIGGER = 50_000;

    private ContextManagementRules() {}

    static void check(JsonNode node, boolean thinkingOn) {
        if (node == null || node.isNull()) {
            return;
        }
        ObjectNode config = Check.object(node, "context_management");
        Check.onlyFields(config, "context_management", Set.of("edits"));
        if (!config.has("edits") || config.get("edits").isNull()) {
            return;
        }
        ArrayNode edits = Check.array(config.get("edits"), "context_management.edits");
        for (int i = 0; i < edits.size(); i++) {
            String path = "context_management.edits." + i;
            ObjectNode edit = Check.object(edits.get(i), path);
            String type = Check.tag(edit, path, Set.of(ContextEdits.CLEAR_TOOL_USES, ContextEdits.CLEAR_THINKING, ContextEdits.COMPACT));
            switch (type) {
                case ContextEdits.CLEAR_TOOL_USES -> checkClearToolUses(edit, path);
                case ContextEdits.CLEAR_THINKING -> checkClearThinking(edit, path, i, thinkingOn);
                default -> checkCompact(edit, path);
            }
        }
    }

    private static void checkClearToolUses(ObjectNode edit, String path) {
        Check.onlyFields(edit, path, Set.of("type", "trigger", "keep", "clear_at_least", "exclude_tools", "clear_tool_inputs"));
        counter(edit, "trigger", path, Set.of("input_tokens", "tool_uses"), 1);
        counter(edit, "keep", path, Set.of("tool_uses"), 0);
        counter(edit, "clear_at_least", path, Set.of("input_tokens"), 0);
        if (edit.hasNonNull("exclude_tools")) {
            strings(edit.get("exclude_tools"), Check.join(path, "exclude_tools"));
        }
        JsonNode inputs = edit.get("clear_tool_inputs");
        if (inputs != null && !inputs.isNull() && !inputs.isBoolean()) {
            strings(inputs, Check.join(path, "clear_tool_inputs"));
        }
    }

    private static void checkClearThinking(ObjectNode edit, String path, int index, boolean thinkingOn) {
        Check.onlyFields(edit, path, Set.of("type", "keep"));
        if (!thinkingOn) {
            throw ApiException.of(ApiError.CLEAR_THINKING_NEEDS_THINKING);
        }
        if (index != 0) {
            throw Check.at("context_management.edits", ApiError.CLEAR_THINKING_NOT_FIRST);
        }
        JsonNode keep = edit.get("keep");
        if (keep == null || keep.isNull() || (keep.isTextual() && keep.textValue().equals("all"))) {
            return;
        }
        String where = Check.join(path, "keep");
        ObjectNode obj = Check.object(keep, where);
        String type = Check.tag(obj, where, Set.of("thinking_turns", "all"));
        if (type.equals("thinking_turns")) {
            Check.onlyFields(obj, where, Set.of("type", "value"));
            Check.atLeast(Check.integer(Check.required(obj, "value", where), Check.join(where, "value")), 1, Check.join(where, "value"));
        } else {
            Check.onlyFields(obj, where, Set.of("type"));
        }
    }

    private static void checkCompact(ObjectNode edit, String path) {
        Check.onlyFields(edit, path, Set.of("type", "trigger", "pause_after_compaction", "instructions"));
        counter(edit, "trigger", path, Set.of("input_tokens"), MIN_COMPACTION_TRIGGER);
        if (edit.hasNonNull("pause_after_compaction")) {
            Check.bool(edit.get("pause_after_compaction"), Check.join(path, "pause_after_compaction"));
        }
        if (edit.hasNonNull("instructions")) {
            Check.string(edit.get("instructions"), Check.join(path, "instructions"));
        }
    }

    /** {@code {"type": <unit>, "value": n}}, the shape of every trigger, keep and clear_at_least. */
    private static void counter(ObjectNode edit, String field, String path, Set<String> units, long min) {
        JsonNode node = edit.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        String where = Check.join(path, field);
        ObjectNode obj = Check.object(node, where);
        Check.tag(obj, where, units);
        Check.onlyFields(obj, where, Set.of("type", "value"));
        String value = Check.join(where, "value");
        Check.atLeast(Check.integer(Check.required(obj, "value", where), value), min, value);
    }

    private static void strings(JsonNode node, String path) {
        ArrayNode list = Check.array(node, path);
        for (int i = 0; i < list.size(); i++) {
            Check.string(list.get(i), Check.join(path, i));
        }
    }
}
