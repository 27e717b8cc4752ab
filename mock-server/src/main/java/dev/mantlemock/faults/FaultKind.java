package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.StreamPlan.Interruption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fault catalogue: what each fault does, by the name used in {@code x-mock-fault} and in admin
 * rules; error faults answer with an entry of the error catalogue.
 */
public enum FaultKind {
    OVERLOADED("overloaded", ApiError.OVERLOADED, Interruption.NONE),
    API_ERROR("api_error", ApiError.INTERNAL, Interruption.NONE),
    TIMEOUT("timeout", ApiError.TIMED_OUT, Interruption.NONE),
    RATE_LIMIT("rate_limit", ApiError.TOO_MANY_TOKENS, Interruption.NONE),
    /** A 200 stream that breaks off with an SSE {@code error} event. */
    STREAM_ERROR("stream_error", null, Interruption.ERROR_EVENT),
    /** A 200 stream whose connection is dropped. */
    DROP_CONNECTION("drop_connection", null, Interruption.DROP_CONNECTION),
    /** A 200 stream that ends without {@code message_stop}. */
    TRUNCATE("truncate", null, Interruption.TRUNCATE),
    /** The answer is delayed before any byte is sent. */
    LATENCY("latency", null, Interruption.NONE),
    /** The stream is paced slowly. */
    SLOW_STREAM("slow_stream", null, Interruption.NONE);

    private final String wireName;
    private final ApiError error;
    private final Interruption interruption;

    FaultKind(String wireName, ApiError error, Interruption interruption) {
        this.wireName = wireName;
        this.error = error;
        this.interruption = interruption;
    }

    public String wireName() { return wireName; }

    /** The error answered instead of the response, or null for kinds that shape a response instead. */
    public ApiError error() { return error; }

    public Interruption interruption() { return interruption; }

    /** Only meaningful for a streamed answer, so rules of this kind skip non-streaming requests. */
    public boolean needsStream() {
        return interruption != Interruption.NONE || this == SLOW_STREAM;
    }

    public static FaultKind fromWireName(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (FaultKind k : values()) {
            if (k.wireName.equals(n)) {
                return k;
            }
        }
        throw ApiException.of(ApiError.FAULT_UNKNOWN, name, names());
    }

    public static String names() {
        return Arrays.stream(values()).map(FaultKind::wireName).collect(Collectors.joining(", "));
    }
}
