package dev.mantlemock.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The stop reasons and refusal categories the official SDKs know (Java 3.13 {@code StopReason} and
 * {@code RefusalStopDetails.Category}, TS 1.13 the same lists): the SDKs' {@code validate()} throws on
 * any other value, so the mock never sends one.
 */
public final class StopReasons {
    public static final List<String> KNOWN = List.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "pause_turn", "refusal", "model_context_window_exceeded");
    public static final List<String> REFUSAL_CATEGORIES = List.of("cyber", "bio", "frontier_llm",
            "reasoning_extraction", "general_harms");

    private StopReasons() {}

    /**
     * {@code {"type":"refusal","category":...,"explanation":...}}; the docs say both may be null ("the
     * stop_details object is always present, but its category and explanation fields may be null").
     */
    public static ObjectNode refusal(String category, String explanation) {
        ObjectNode details = Json.object().put("type", "refusal");
        details.put("category", category);
        details.put("explanation", explanation);
        return details;
    }

    /** Why a scripted {@code stop_details} is not one the SDKs can read, or empty when it is. */
    public static Optional<String> problemWith(String stopReason, JsonNode details) {
        if (!KNOWN.contains(stopReason)) {
            return Optional.of("stop_reason '" + stopReason + "' is not one the SDKs know: " + KNOWN);
        }
        if (details == null || details.isNull()) {
            return Optional.empty();
        }
        if (!stopReason.equals("refusal")) {
            return Optional.of("stop_details is only sent with stop_reason 'refusal'");
        }
        if (!details.path("type").asText().equals("refusal")) {
            return Optional.of("stop_details.type must be 'refusal'");
        }
        JsonNode category = details.path("category");
        if (!category.isMissingNode() && !category.isNull() && !REFUSAL_CATEGORIES.contains(category.asText())) {
            return Optional.of("stop_details.category must be null or one of " + REFUSAL_CATEGORIES);
        }
        JsonNode explanation = details.path("explanation");
        if (!explanation.isMissingNode() && !explanation.isNull() && !explanation.isTextual()) {
            return Optional.of("stop_details.explanation must be a string or null");
        }
        return Optional.empty();
    }

    /** A scripted {@code stop_details} completed to the SDK shape (missing category/explanation become null). */
    public static ObjectNode complete(String stopReason, JsonNode details) {
        if (!stopReason.equals("refusal")) {
            return null;
        }
        if (details == null || details.isNull()) {
            return refusal(null, null);
        }
        JsonNode explanation = details.path("explanation");
        return refusal(details.path("category").isTextual() ? details.get("category").asText() : null,
                explanation.isTextual() ? explanation.asText() : null);
    }
}
