package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.domain.StreamTiming;
import java.util.Map;

/**
 * Applies at most one fault per request: the one named by {@code x-mock-fault} if present, else the
 * first admin or config rule that fires. Error faults end the request here; stream faults and pacing
 * are handed to the SSE encoder through the exchange's {@link StreamPlan}; latency waits here.
 */
public final class FaultInjection implements Stage {
    public static final String HEADER = "x-mock-fault";

    /** Waits for latency faults; tests swap it so they need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        void sleep(long millis);
    }

    private final FaultRules rules;
    private final StreamTiming defaultTiming;
    private final Sleeper sleeper;

    public FaultInjection(FaultRules rules, StreamTiming defaultTiming) {
        this(rules, defaultTiming, Sleeper.REAL);
    }

    public FaultInjection(FaultRules rules, StreamTiming defaultTiming, Sleeper sleeper) {
        this.rules = rules;
        this.defaultTiming = defaultTiming;
        this.sleeper = sleeper;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL).andProvides(Slot.STREAM_PLAN);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.streamPlan(StreamPlan.of(defaultTiming));
        String header = rules.config().headerEnabled ? exchange.request().header(HEADER) : null;
        FaultRule rule = header != null ? HeaderFault.parse(header, exchange, rules.config().seed) : rules.firing(exchange);
        if (rule == null) {
            return;
        }
        rules.countInjected(rule.kind());
        FaultKind kind = rule.kind();
        if (kind.error() != null) {
            Map<String, String> headers = rule.retryAfterSeconds() == null ? Map.of()
                    : Map.of("retry-after", Integer.toString(rule.retryAfterSeconds()));
            throw ApiException.of(kind.error()).withHeaders(headers);
        }
        StreamPlan plan = exchange.streamPlan();
        switch (kind) {
            case LATENCY -> sleeper.sleep(rule.latencyMillis());
            case SLOW_STREAM -> exchange.streamPlan(new StreamPlan(
                    new StreamTiming(rule.timeToFirstTokenMillis(), rule.tokensPerSecond(), 0, rule.seed()),
                    plan.interruption(), plan.afterEvents()));
            default -> exchange.streamPlan(plan.interrupted(kind.interruption(), rule.afterEvents()));
        }
    }
}
