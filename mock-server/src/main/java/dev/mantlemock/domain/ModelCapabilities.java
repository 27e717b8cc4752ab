package dev.mantlemock.domain;

import java.util.List;
import java.util.Set;

/**
 * The rules that differ from one model to the next, as {@code bedrock/models.yaml} (or the config's
 * {@code models:}) states them. The policy stage {@code policy.ModelRules} enforces them; nothing in
 * the code names a model.
 *
 * @param thinkingModes          the {@code thinking.type} values accepted ({@code enabled}, {@code adaptive}, {@code disabled})
 * @param thinkingDisplay        {@code thinking.display} when the request leaves it out: {@code summarized} or {@code omitted}
 * @param effortLevels           the {@code output_config.effort} values accepted, in the API's order; empty: no effort parameter
 * @param samplingParameters     which of {@code temperature}, {@code top_p}, {@code top_k} may be set (a
 *                               refused {@code temperature} is still accepted at its default, 1)
 * @param temperatureWithTopP    whether {@code temperature} and {@code top_p} may be set together
 * @param prefill                whether the conversation may end with an assistant message
 * @param structuredOutputs      whether {@code output_config.format} (and beta {@code output_format}) is accepted
 * @param strictTools            whether a tool may carry {@code strict}
 * @param minimumCacheableTokens the shortest prefix the prompt cache stores; shorter ones are not cached, without error
 * @param maxCacheBreakpoints    the most blocks with {@code cache_control} one request may have
 */
public record ModelCapabilities(Set<String> thinkingModes, String thinkingDisplay, List<String> effortLevels,
        Set<String> samplingParameters, boolean temperatureWithTopP, boolean prefill, boolean structuredOutputs,
        boolean strictTools, int minimumCacheableTokens, int maxCacheBreakpoints) {

    /** Every thinking mode, display, effort level and sampling parameter, in the API's order. */
    public static final List<String> THINKING_MODES = List.of("enabled", "adaptive", "disabled");
    public static final List<String> DISPLAYS = List.of("summarized", "omitted");
    public static final List<String> EFFORT_LEVELS = List.of("low", "medium", "high", "xhigh", "max");
    public static final List<String> SAMPLING_PARAMETERS = List.of("temperature", "top_p", "top_k");

    /** Everything allowed, with the common cache minimum: for unit tests that exercise something else. */
    public static final ModelCapabilities PERMISSIVE = new ModelCapabilities(Set.copyOf(THINKING_MODES), "summarized",
            EFFORT_LEVELS, Set.copyOf(SAMPLING_PARAMETERS), true, true, true, true, 1024, 4);

    public ModelCapabilities {
        thinkingModes = Set.copyOf(thinkingModes);
        effortLevels = List.copyOf(effortLevels);
        samplingParameters = Set.copyOf(samplingParameters);
    }

    /**
     * Whether the model thinks when the request has no {@code thinking} parameter. No model in the table
     * does yet: this is the one hook for a {@code models.yaml} column saying so, read only by
     * {@link ThinkingDecision}.
     */
    public boolean thinkingOnByDefault() {
        return false;
    }
}
