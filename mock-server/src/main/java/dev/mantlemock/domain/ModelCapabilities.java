package dev.mantlemock.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that differ from one model to the next, as {@code bedrock/models.yaml} (or the config's
 * {@code models:}) states them. The policy stage {@code policy.ModelRules} enforces them; nothing in
 * the code names a model.
 *
 * @param thinkingModes          the {@code thinking.type} values accepted ({@code enabled}, {@code adaptive}, {@code disabled}, {@code between_tools})
 * @param thinkingOnByDefault    whether the model thinks (adaptively) when the request has no {@code thinking}
 * @param thinkingDisplay        {@code thinking.display} when the request leaves it out: {@code summarized} or {@code omitted}
 * @param effortCaps             per thinking type, the highest effort it is accepted with ({@code disabled: high}); absent: no cap
 * @param effortLevels           the {@code output_config.effort} values accepted, in the API's order; empty: no effort parameter
 * @param defaultEffort          the effort when the request names none; empty for a model without effort
 * @param samplingParameters     which of {@code temperature}, {@code top_p}, {@code top_k} may be set freely (a
 *                               refused {@code temperature} is still accepted at its default, 1, unless configured otherwise)
 * @param topPAccepted           the {@code top_p} values accepted where {@code top_p} is not free
 * @param temperatureWithTopP    whether {@code temperature} and {@code top_p} may be set together
 * @param prefill                whether the conversation may end with an assistant message
 * @param structuredOutputs      whether {@code output_config.format} (and beta {@code output_format}) is accepted
 * @param strictTools            whether a tool may carry {@code strict}
 * @param forcedToolChoice       whether {@code tool_choice} {@code any} and {@code tool} are accepted
 * @param minimumCacheableTokens the shortest prefix the prompt cache stores; shorter ones are not cached, without error
 * @param maxCacheBreakpoints    the most blocks with {@code cache_control} one request may have
 * @param systemMessages         whether {@code messages} may hold mid-conversation {@code role: "system"} messages
 * @param preservedThinking      whether a thinking block sent back is bound to the conversation before it
 */
public record ModelCapabilities(Set<String> thinkingModes, boolean thinkingOnByDefault, String thinkingDisplay,
        Map<String, String> effortCaps, List<String> effortLevels, Optional<String> defaultEffort,
        Set<String> samplingParameters, TopPRange topPAccepted, boolean temperatureWithTopP, boolean prefill,
        boolean structuredOutputs, boolean strictTools, boolean forcedToolChoice, int minimumCacheableTokens,
        int maxCacheBreakpoints, boolean systemMessages, boolean preservedThinking) {

    /** Every thinking mode, display, effort level and sampling parameter, in the API's order. */
    public static final List<String> THINKING_MODES = List.of("enabled", "adaptive", "disabled", "between_tools");
    public static final List<String> DISPLAYS = List.of("summarized", "omitted");
    public static final List<String> EFFORT_LEVELS = List.of("low", "medium", "high", "xhigh", "max");
    public static final List<String> SAMPLING_PARAMETERS = List.of("temperature", "top_p", "top_k");

    /** Everything allowed, with the common cache minimum: for unit tests that exercise something else. */
    public static final ModelCapabilities PERMISSIVE = new ModelCapabilities(Set.copyOf(THINKING_MODES), false,
            "summarized", Map.of(), EFFORT_LEVELS, Optional.of("high"), Set.copyOf(SAMPLING_PARAMETERS),
            TopPRange.NONE, true, true, true, true, true, 1024, 4, true, false);

    public ModelCapabilities {
        thinkingModes = Set.copyOf(thinkingModes);
        effortCaps = Map.copyOf(effortCaps);
        effortLevels = List.copyOf(effortLevels);
        samplingParameters = Set.copyOf(samplingParameters);
    }

    /**
     * The thinking type a request means: the one it names, else what the model does with no {@code thinking}
     * ({@code adaptive} when it thinks by default, else {@code disabled}).
     */
    public String thinkingTypeOf(MessageRequest request) {
        String named = request.thinking().path("type").asText(null);
        return named != null ? named : thinkingOnByDefault ? "adaptive" : "disabled";
    }

    /** The effort a request means: the one it names, else the model's default (empty: the model has none). */
    public Optional<String> effortOf(MessageRequest request) {
        String named = request.json().path("output_config").path("effort").asText(null);
        return named != null ? Optional.of(named) : defaultEffort;
    }

    /**
     * The {@code top_p} values a model still accepts where {@code top_p} is not free: from {@code low}
     * (included) up to {@code high} (excluded), or exactly {@code low} when both are equal.
     */
    public record TopPRange(double low, double high) {
        public static final TopPRange NONE = new TopPRange(Double.NaN, Double.NaN);

        public boolean accepts(double value) {
            return low == high ? value == low : value >= low && value < high;
        }
    }
}
