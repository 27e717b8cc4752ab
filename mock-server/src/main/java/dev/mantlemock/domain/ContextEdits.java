package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What context editing did to a request, as the response's {@code context_management} field reports it
 * ({@code {"applied_edits": [...]}}); {@code report} is null when the request asked for no editing, and
 * then the field is not sent.
 */
public record ContextEdits(ObjectNode report) {
    public static final ContextEdits NONE = new ContextEdits(null);

    /** The documented edit types: validation checks them, context editing applies them. */
    public static final String CLEAR_TOOL_USES = "clear_tool_uses_20250919";
    public static final String CLEAR_THINKING = "clear_thinking_20251015";
    public static final String COMPACT = "compact_20260112";
}
