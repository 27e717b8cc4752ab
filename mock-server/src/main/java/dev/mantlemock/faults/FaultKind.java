package dev.mantlemock.faults;

import dev.mantlemock.domain.ErrorTexts;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.StreamPlan.Interruption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fault catalogue: what each fault does, by the name used in {@code x-mock-fault} and in admin
 * rules, and the one table of fault error texts (first-party wording where it is documented).
 */
public enum FaultKind {
    OVERLOADED("overloaded", ErrorType.OVERLOADED, ErrorTexts.OVERLOADED, Interruption.NONE),
    API_ERROR("api_error", ErrorType.API, "Internal server error", Interruption.NONE),
    TIMEOUT("timeout", ErrorType.TIMEOUT, "Request timed out", Interruption.NONE),
    RATE_LIMIT("rate_limit", ErrorType.RATE_LIMIT, "Too many tokens, please wait before trying again.", Interruption.NONE),
    /** A 200 stream that breaks off with an SSE {@code error} event. */
    STREAM_ERROR("stream_error", null, null, Interruption.ERROR_EVENT),
    /** A 200 stream whose connection is dropped. */
    DROP_CONNECTION("drop_connection", null, null, Interruption.DROP_CONNECTION),
    /** A 200 stream that ends without {@code message_stop}. */
    TRUNCATE("truncate", null, null, Interruption.TRUNCATE),
    /** The answer is delayed before any byte is sent. */
    LATENCY("latency", null, null, Interruption.NONE),
    /** The stream is paced slowly. */
    SLOW_STREAM("slow_stream", null, null, Interruption.NONE);

    private final String wireName;
    private final ErrorType errorType;
    private final String message;
    private final Interruption interruption;

    FaultKind(String wireName, ErrorType errorType, String message, Interruption interruption) {
        this.wireName = wireName;
        this.errorType = errorType;
        this.message = message;
        this.interruption = interruption;
    }

    public String wireName() { return wireName; }

    /** The error answered instead of the response, or null for kinds that shape a response instead. */
    public ErrorType errorType() { return errorType; }

    public String message() { return message; }

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
        throw new IllegalArgumentException("unknown fault '" + name + "'; known faults: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(FaultKind::wireName).collect(Collectors.joining(", "));
    }
}
