package dev.mantlemock.faults;

import com.fasterxml.jackson.annotation.JsonAlias;
/**
 * A fault rule as written in config or posted to {@code POST /_mock/faults}. Only {@code kind} is
 * required; everything else narrows the rule or tunes the fault.
 */
public final class FaultRuleSpec {
    /** One of {@link FaultKind#names()}. */
    public String kind;
    /** Only requests with this {@code x-mock-test-id}; null matches every request. */
    @JsonAlias("test-id")
    public String testId;
    /** Only requests for this model id; null matches every model. */
    public String model;
    /**
     * Only requests this fixture (a test kit's stub) would answer, by its name: the rule fails exactly the
     * requests the stub matches, before it answers them. Null matches regardless of fixtures.
     */
    public String stub;
    /** "messages" or "count_tokens"; null matches both. */
    public String endpoint;
    /** Fail this many matching requests, then let them succeed; null fails every one. */
    public Integer times;
    /** Chance that a matching request fails, 0..1; drawn from a generator seeded with {@link #seed}. */
    public Double probability;
    public Long seed;
    /** Stream faults: events written before the interruption (default 3: start, block start, first delta). */
    @JsonAlias("after-events")
    public Integer afterEvents;
    /** latency: delay before the answer, in milliseconds (default 1000). */
    @JsonAlias("latency-millis")
    public Long latencyMillis;
    /** slow_stream: output speed (default 10 tokens/s). */
    @JsonAlias("tokens-per-second")
    public Double tokensPerSecond;
    /** slow_stream: delay before the first token (default 0). */
    @JsonAlias("time-to-first-token-millis")
    public Long timeToFirstTokenMillis;
    /** rate_limit: value of {@code retry-after} in seconds; null sends none. */
    @JsonAlias("retry-after-seconds")
    public Integer retryAfterSeconds;

    public static FaultRuleSpec of(FaultKind kind) {
        FaultRuleSpec s = new FaultRuleSpec();
        s.kind = kind.wireName();
        return s;
    }
}
