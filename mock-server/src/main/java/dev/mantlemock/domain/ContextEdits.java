package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What context editing did to a request, as the response's {@code context_management} field reports it
 * ({@code {"applied_edits": [...]}}); {@code report} is null when the request asked for no editing, and
 * then the field is not sent.
 */
public record ContextEdits(ObjectNode report) {
    public static final ContextEdits NONE = new ContextEdits(null);
}
