package dev.mantlemock.api.validation;

import dev.mantlemock.domain.ConfigException;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.policy.BetaMode;
import java.util.List;

/**
 * Switches for validation behaviour the reference marks as inferred: what Mantle really does here
 * has not been observed, so each choice is the user's, with the safest default.
 */
public final class ValidationSettings {
    /** {@code merge} (current docs: consecutive same-role turns are merged) or {@code reject} (older API). */
    @JsonProperty("consecutive-roles")
    public String consecutiveRoles = "merge";

    /**
     * What an {@code anthropic-beta} value does: {@code first-party} (known values accepted even when unused,
     * unknown names refused), {@code accept-unused}, {@code refuse-unsupported} or {@code bedrock-whitelist}.
     */
    @JsonProperty("betas")
    public String betas = BetaMode.FIRST_PARTY.wireName();

    public BetaMode betaMode() {
        return BetaMode.of(betas);
    }

    /** {@code apply} the {@code context_management} edits and report them, or {@code refuse} the field as unsupported. */
    @JsonProperty("context-management")
    public String contextManagement = "apply";

    /**
     * A deprecated {@code temperature} (models.yaml {@code sampling}) at its default, 1: {@code accept} (the docs: only
     * non-default values are refused) or {@code refuse} (live reports: even 1 is refused on Opus 4.7, 4.8, Sonnet 5).
     */
    @JsonProperty("sampling-at-default")
    public String samplingAtDefault = "accept";

    public boolean samplingAccepted() {
        return samplingAtDefault.equals("accept");
    }

    /** Refuses a value that would otherwise silently mean another choice. */
    public void check() {
        oneOf("validation.consecutive-roles", consecutiveRoles, "merge", "reject");
        oneOf("validation.context-management", contextManagement, "apply", "refuse");
        oneOf("validation.betas", betas, BetaMode.wireNames());
        oneOf("validation.sampling-at-default", samplingAtDefault, "accept", "refuse");
    }

    private static void oneOf(String key, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new ConfigException(key + " must be one of '" + String.join("', '", allowed) + "', not '" + value + "'");
        }
    }

    /**
     * A final assistant message (prefill): unset, each model's {@code prefill} rule decides
     * ({@code bedrock/models.yaml}); {@code true} or {@code false} accepts or refuses it on every model.
     */
    @JsonProperty("allow-prefill")
    public Boolean allowPrefill;
}
