package dev.mantlemock.domain;

/**
 * The one answer to "does the model think for this request": {@code thinking.type} {@code enabled} or
 * {@code adaptive} (or {@code between_tools}) turns it on, {@code disabled} off; a request without
 * {@code thinking} gets the model's default ({@link ModelCapabilities#thinkingTypeOf}). The generator and the conformance
 * stage both ask here, so an answer and its check cannot disagree.
 */
public final class ThinkingDecision {
    private ThinkingDecision() {}

    public static boolean on(MessageRequest request, ModelSpec model) {
        return !"disabled".equals(model.capabilities().thinkingTypeOf(request)); // enabled, adaptive, between_tools
    }

    /** Whether the thinking text is shown: {@code thinking.display}, else the model's default display. */
    public static boolean omitted(MessageRequest request, ModelSpec model) {
        return request.thinking().path("display").asText(model.capabilities().thinkingDisplay()).equals("omitted");
    }
}
