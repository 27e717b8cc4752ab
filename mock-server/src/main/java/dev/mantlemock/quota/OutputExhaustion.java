package dev.mantlemock.quota;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happens when the output-token quota runs out while an answer is being generated. Mantle says
 * generation stops "with a finish reason indicating the cutoff"; which one is not stated.
 */
public enum OutputExhaustion {
    /** Stop generating; the answer ends with {@code stop_reason: max_tokens} (the default). */
    STOP,
    /** Keep generating and let the window overrun (a looser service). */
    CONTINUE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static OutputExhaustion fromWireName(String name) {
        for (OutputExhaustion o : values()) {
            if (o.wireName().equalsIgnoreCase(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("onOutputExhausted must be \"stop\" or \"continue\", was \"" + name + "\"");
    }
}
