package dev.mantlemock.api.validation;

import dev.mantlemock.domain.ConfigException;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Switches for validation behaviour the reference marks as inferred: what Mantle really does here
 * has not been observed, so each choice is the user's, with the safest default.
 */
public final class ValidationSettings {
    /** {@code merge} (current docs: consecutive same-role turns are merged) or {@code reject} (older API). */
    @JsonProperty("consecutive-roles")
    public String consecutiveRoles = "merge";

    /** {@code reject} or {@code ignore} an {@code anthropic-beta} value for a feature Mantle does not support. */
    @JsonProperty("unsupported-betas")
    public String unsupportedBetas = "reject";

    /** {@code ignore} or {@code reject} an {@code anthropic-beta} value the mock has never heard of. */
    @JsonProperty("unknown-betas")
    public String unknownBetas = "ignore";

    /** Refuses a value that would otherwise silently mean the other choice. */
    public void check() {
        oneOf("validation.consecutive-roles", consecutiveRoles, "merge", "reject");
        oneOf("validation.unsupported-betas", unsupportedBetas, "reject", "ignore");
        oneOf("validation.unknown-betas", unknownBetas, "ignore", "reject");
    }

    private static void oneOf(String key, String value, String a, String b) {
        if (!a.equals(value) && !b.equals(value)) {
            throw new ConfigException(key + " must be '" + a + "' or '" + b + "', not '" + value + "'");
        }
    }

    /**
     * A final assistant message (prefill): unset, each model's {@code prefill} rule decides
     * ({@code bedrock/models.yaml}); {@code true} or {@code false} accepts or refuses it on every model.
     */
    @JsonProperty("allow-prefill")
    public Boolean allowPrefill;
}
