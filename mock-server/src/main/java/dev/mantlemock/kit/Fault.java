package dev.mantlemock.kit;

import dev.mantlemock.faults.FaultKind;
import dev.mantlemock.faults.FaultRuleSpec;

/**
 * A fault to inject: one of the mock's fault kinds ({@code faults.FaultKind}) with its parameters. Becomes
 * a fault rule, exactly as {@code POST /_mock/faults} makes one, so its bounds and texts are the same.
 */
public final class Fault {
    private final FaultRuleSpec spec;

    private Fault(FaultKind kind) {
        this.spec = FaultRuleSpec.of(kind);
    }

    static Fault of(FaultKind kind) {
        return new Fault(kind);
    }

    /** Stream faults: the events written before the stream breaks, is cut or ends (default 3). */
    public Fault afterEvents(int events) {
        spec.afterEvents = events;
        return this;
    }

    /** {@code rate_limit}: send {@code retry-after: seconds} with the 429. */
    public Fault retryAfter(int seconds) {
        spec.retryAfterSeconds = seconds;
        return this;
    }

    /** {@code latency}: the delay before the answer. */
    public Fault millis(long delay) {
        spec.latencyMillis = delay;
        return this;
    }

    /** {@code slow_stream}: the output speed and the delay before the first token. */
    public Fault pace(double tokensPerSecond, long timeToFirstTokenMillis) {
        spec.tokensPerSecond = tokensPerSecond;
        spec.timeToFirstTokenMillis = timeToFirstTokenMillis;
        return this;
    }

    /** A copy of the rule's spec, so one Fault can be used by several stubs. */
    FaultRuleSpec spec() {
        FaultRuleSpec s = new FaultRuleSpec();
        s.kind = spec.kind;
        s.afterEvents = spec.afterEvents;
        s.retryAfterSeconds = spec.retryAfterSeconds;
        s.latencyMillis = spec.latencyMillis;
        s.tokensPerSecond = spec.tokensPerSecond;
        s.timeToFirstTokenMillis = spec.timeToFirstTokenMillis;
        return s;
    }

    @Override
    public String toString() {
        return spec.kind;
    }
}
