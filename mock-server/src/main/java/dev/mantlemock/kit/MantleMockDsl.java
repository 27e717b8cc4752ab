package dev.mantlemock.kit;

import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.faults.FaultKind;
import java.util.Map;

/**
 * The words of the DSL, for {@code import static dev.mantlemock.kit.MantleMockDsl.*}: request patterns,
 * replies, faults and quotas. See {@code docs/junit.md} for the whole reference.
 */
public final class MantleMockDsl {
    private MantleMockDsl() {}

    // --- Which requests

    /** Messages requests, to stub: {@code stubFor(messages().withModel(...).willReturn(...))}. */
    public static RequestPattern messages() {
        return new RequestPattern();
    }

    /** Messages requests, to verify: {@code verify(2, messagesRequested().withToolResultFor("get_weather"))}. */
    public static RequestPattern messagesRequested() {
        return new RequestPattern();
    }

    /**
     * The requests one stub answers, to fail them: {@code requestsAnsweredBy("weather").willFail(overloaded()).times(2)}
     * (the stub's own match decides; a sequence does not advance while its requests fail).
     */
    public static StubTarget requestsAnsweredBy(String stubId) {
        return new StubTarget(stubId);
    }

    /** What {@link #requestsAnsweredBy} names. */
    public record StubTarget(String stubId) {
        public Stub.Failure willFail(Fault fault) {
            return new Stub.Failure(null, stubId, fault);
        }
    }

    /** Bounds for {@code assertClientWasResilient(resilience().maxAttempts(3))}. */
    public static Resilience resilience() {
        return Resilience.defaults();
    }

    // --- Replies

    public static Reply text(String text) {
        return new Reply().text(text);
    }

    /** A tool call with its input; the stop reason is {@code tool_use}. */
    public static Reply toolUse(String name, Map<String, ?> input) {
        return new Reply().toolUse(name, input);
    }

    /** A thinking block; add the answer with {@code .text(...)} or {@code .toolUse(...)}. */
    public static Reply thinking(String thinking) {
        return new Reply().thinking(thinking);
    }

    /** An error in the Anthropic envelope, with the type's status (e.g. {@code invalid_request_error}, 400). */
    public static Reply error(String type, String message) {
        ErrorType t = ErrorType.fromWireName(type);
        return Reply.failing(t.status(), type, message);
    }

    /** An error with another status than its type's. */
    public static Reply error(int status, String type, String message) {
        ErrorType.fromWireName(type);
        return Reply.failing(status, type, message);
    }

    // --- Faults (the mock's fault kinds, docs/faults.md)

    /** 529 {@code overloaded_error}, which the SDKs retry. */
    public static Fault overloaded() {
        return Fault.of(FaultKind.OVERLOADED);
    }

    /** 500 {@code api_error}. */
    public static Fault apiError() {
        return Fault.of(FaultKind.API_ERROR);
    }

    /** 504 {@code timeout_error}. */
    public static Fault timeoutError() {
        return Fault.of(FaultKind.TIMEOUT);
    }

    /** 429 {@code rate_limit_error}; add {@code .retryAfter(seconds)} for a {@code retry-after} header. */
    public static Fault rateLimited() {
        return Fault.of(FaultKind.RATE_LIMIT);
    }

    /** A 200 stream that breaks off with an {@code event: error} after some events ({@code .afterEvents(n)}). */
    public static Fault streamError() {
        return Fault.of(FaultKind.STREAM_ERROR);
    }

    /** A 200 stream whose connection is cut after some events ({@code .afterEvents(n)}). */
    public static Fault droppedConnection() {
        return Fault.of(FaultKind.DROP_CONNECTION);
    }

    /** A 200 stream that ends cleanly without {@code message_stop}. */
    public static Fault truncatedStream() {
        return Fault.of(FaultKind.TRUNCATE);
    }

    /** The answer is held back this long before any byte is sent. */
    public static Fault latency(long millis) {
        return Fault.of(FaultKind.LATENCY).millis(millis);
    }

    /** The stream is paced at this speed. */
    public static Fault slowStream(double tokensPerSecond) {
        return Fault.of(FaultKind.SLOW_STREAM).pace(tokensPerSecond, 0);
    }

    // --- Quotas

    /** A change to the quotas: {@code mock.quota(quota().inputTokensPerMinute(10_000))}. */
    public static Quota quota() {
        return new Quota();
    }
}
