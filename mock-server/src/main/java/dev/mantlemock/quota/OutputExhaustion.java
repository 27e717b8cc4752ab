package dev.mantlemock.quota;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;

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
        throw invalid("\"" + name + "\"");
    }

    /** The error for a value that is none of these; also used when the value is missing. */
    public static ApiException invalid(String was) {
        return ApiException.of(ApiError.SETTING_INVALID, "onOutputExhausted", "\"stop\" or \"continue\"", was);
    }
}
