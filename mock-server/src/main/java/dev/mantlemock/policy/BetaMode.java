package dev.mantlemock.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the mock does with {@code anthropic-beta} values ({@code validation.betas}). Mantle's own behaviour
 * is undocumented; each mode is one behaviour observed elsewhere (docs/inferred-behaviour.md).
 */
public enum BetaMode {
    /** Every value accepted; a feature Mantle lacks is refused only when the request uses it. */
    ACCEPT_UNUSED,
    /** As the first-party API: known values accepted even when unused, unknown names refused. */
    FIRST_PARTY,
    /** First-party, and a value asking for a feature Mantle lacks is refused even when unused. */
    REFUSE_UNSUPPORTED,
    /** As the Bedrock runtime (InvokeModel): only its documented betas; any other is "invalid beta flag". */
    BEDROCK_WHITELIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode a config value names, or null when it names none. */
    public static BetaMode of(String value) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst().orElse(null);
    }

    public static String[] wireNames() {
        return Arrays.stream(values()).map(BetaMode::wireName).toArray(String[]::new);
    }
}
