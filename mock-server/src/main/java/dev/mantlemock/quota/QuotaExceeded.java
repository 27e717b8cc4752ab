package dev.mantlemock.quota;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;

/**
 * What the mock does with a request over its quota. Mantle documents 429s, yet AWS's "Scaling and
 * throughput best practices" say it may queue instead: which one a given request meets is not
 * stated, so both are here (docs/inferred-behaviour.md).
 */
public enum QuotaExceeded {
    /** Refuse at once with 429 {@code rate_limit_error} (the default). */
    THROTTLE,
    /**
     * Admit late: wait until the window has room, up to {@code max-queue-wait-seconds}, then the
     * usual 429. A waiting request holds no server thread.
     */
    QUEUE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static QuotaExceeded fromWireName(String name) {
        for (QuotaExceeded q : values()) {
            if (q.wireName().equalsIgnoreCase(name)) {
                return q;
            }
        }
        throw invalid("\"" + name + "\"");
    }

    public static ApiException invalid(String was) {
        return ApiException.of(ApiError.SETTING_INVALID, "onQuotaExceeded", "\"throttle\" or \"queue\"", was);
    }
}
