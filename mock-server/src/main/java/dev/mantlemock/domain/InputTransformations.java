package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * What the API changed in the request's input before the model saw it, as the response's
 * {@code input_transformations} reports it (thinking blocks dropped by a binding check, beta
 * {@code thinking-binding-controls-2026-08-01}); {@code report} is null when the field is not sent.
 */
public record InputTransformations(ArrayNode report) {
    public static final InputTransformations NONE = new InputTransformations(null);
}
