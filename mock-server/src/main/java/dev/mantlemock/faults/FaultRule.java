package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Bound;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A validated fault rule with its running state: how many more times it may fire and how often it has.
 * Thread-safe: the count is claimed with a compare-and-set, and {@link Random} is itself thread-safe.
 */
public final class FaultRule {
    static final int DEFAULT_AFTER_EVENTS = 3;
    static final long DEFAULT_LATENCY_MILLIS = 1000;
    static final double DEFAULT_SLOW_TOKENS_PER_SECOND = 10;

    /** The bounds of every fault parameter, for header faults, admin rules and config rules alike. */
    static final Bound TIMES = Bound.of("times", 1, 1_000_000_000);
    static final Bound PROBABILITY = Bound.of("probability", 0, 1);
    static final Bound AFTER_EVENTS = Bound.of("afterEvents", 0, 100_000);
    static final Bound LATENCY_MILLIS = Bound.of("latencyMillis", 0, 600_000);
    static final Bound TOKENS_PER_SECOND = Bound.of("tokensPerSecond", 0.01, 100_000);
    static final Bound TIME_TO_FIRST_TOKEN_MILLIS = Bound.of("timeToFirstTokenMillis", 0, 600_000);
    static final Bound RETRY_AFTER_SECONDS = Bound.of("retryAfterSeconds", 0, 86_400);

    private final String id;
    private final FaultKind kind;
    private final String testId;
    private final String model;
    private final String stub;
    private final Endpoint endpoint;
    private final Integer times;
    private final double probability;
    private final long seed;
    private final int afterEvents;
    private final long latencyMillis;
    private final double tokensPerSecond;
    private final long timeToFirstTokenMillis;
    private final Integer retryAfterSeconds;
    private final Random random;
    private final AtomicInteger remaining;
    private final AtomicLong fired = new AtomicLong();

    /** Checks a spec; every problem is a 400 {@link ApiException} the admin API can send as it is. */
    public FaultRule(String id, FaultRuleSpec spec, long defaultSeed) {
        if (spec == null || spec.kind == null) {
            throw ApiException.of(ApiError.FAULT_KIND_REQUIRED, FaultKind.names());
        }
        this.id = id;
        this.kind = FaultKind.fromWireName(spec.kind);
        this.testId = blankToNull(spec.testId);
        this.model = blankToNull(spec.model);
        this.stub = blankToNull(spec.stub);
        this.endpoint = endpoint(spec.endpoint);
        this.times = TIMES.checkIfSet(spec.times);
        this.probability = PROBABILITY.check(spec.probability == null ? 1.0 : spec.probability);
        this.seed = spec.seed == null ? defaultSeed : spec.seed;
        this.afterEvents = AFTER_EVENTS.check(spec.afterEvents == null ? DEFAULT_AFTER_EVENTS : spec.afterEvents);
        this.latencyMillis = LATENCY_MILLIS.check(spec.latencyMillis == null ? DEFAULT_LATENCY_MILLIS : spec.latencyMillis);
        this.tokensPerSecond = TOKENS_PER_SECOND.check(spec.tokensPerSecond == null ? DEFAULT_SLOW_TOKENS_PER_SECOND : spec.tokensPerSecond);
        this.timeToFirstTokenMillis = TIME_TO_FIRST_TOKEN_MILLIS.check(spec.timeToFirstTokenMillis == null ? 0 : spec.timeToFirstTokenMillis);
        this.retryAfterSeconds = RETRY_AFTER_SECONDS.checkIfSet(spec.retryAfterSeconds);
        this.random = new Random(this.seed);
        this.remaining = new AtomicInteger(times == null ? Integer.MAX_VALUE : times);
    }

    /** Whether this rule fires for the exchange; firing consumes one of its {@code times}. */
    boolean fires(Exchange exchange, StubLookup stubs) {
        if (!matches(exchange) || remaining.get() <= 0 || stub != null && !stubs.wouldAnswer(exchange).map(stub::equals).orElse(false)) {
            return false;
        }
        if (probability < 1 && random.nextDouble() >= probability) {
            return false;
        }
        if (times != null) {
            int left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
        }
        fired.incrementAndGet();
        return true;
    }

    boolean matches(Exchange exchange) {
        return (testId == null || testId.equals(exchange.testId()))
                && (endpoint == null || endpoint == exchange.endpoint())
                && (model == null || model.equals(exchange.model().id()))
                && (!kind.needsStream() || exchange.message().stream());
    }

    public String id() { return id; }
    public FaultKind kind() { return kind; }
    public String testId() { return testId; }
    public String model() { return model; }
    public String stub() { return stub; }
    public Endpoint endpoint() { return endpoint; }
    public Integer times() { return times; }
    public double probability() { return probability; }
    public long seed() { return seed; }
    public int afterEvents() { return afterEvents; }
    public long latencyMillis() { return latencyMillis; }
    public double tokensPerSecond() { return tokensPerSecond; }
    public long timeToFirstTokenMillis() { return timeToFirstTokenMillis; }
    public Integer retryAfterSeconds() { return retryAfterSeconds; }
    /** How many more times it may fire; null when unlimited. */
    public Integer remaining() { return times == null ? null : Math.max(0, remaining.get()); }
    public long fired() { return fired.get(); }

    private static Endpoint endpoint(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return switch (name) {
            case "messages" -> Endpoint.MESSAGES;
            case "count_tokens" -> Endpoint.COUNT_TOKENS;
            default -> throw invalid("endpoint", "\"messages\" or \"count_tokens\"", "\"" + name + "\"");
        };
    }

    private static ApiException invalid(String field, String rule, Object was) {
        return ApiException.of(ApiError.SETTING_INVALID, field, rule, was);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
