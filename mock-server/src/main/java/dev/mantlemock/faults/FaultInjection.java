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
 * first admin or config rule that fires. Error faults end the request here; stream faults, pacing
 * and latency are handed to the encoder through the exchange's {@link StreamPlan}.
 */
public final class FaultInjection implements Stage {
    public static final String HEADER = "x-mock-fault";

    private final FaultRules rules;
    private final StreamTiming defaultTiming;
    private final boolean latencyModel;

    public FaultInjection(FaultRules rules, StreamTiming defaultTiming) {
        this(rules, defaultTiming, false);
    }

    /** @param latencyModel whether the latency model paces answers unless a fault or fixture sets the pace */
    public FaultInjection(FaultRules rules, StreamTiming defaultTiming, boolean latencyModel) {
        this.rules = rules;
        this.defaultTiming = defaultTiming;
        this.latencyModel = latencyModel;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL).andProvides(Slot.STREAM_PLAN, Slot.FAULT_RULE);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.streamPlan(StreamPlan.of(defaultTiming).modelled(latencyModel));
        String header = rules.config().headerEnabled ? exchange.request().header(HEADER) : null;
        FaultRule rule = header != null ? HeaderFault.parse(header, exchange, rules.config().seed) : rules.firing(exchange);
        if (rule == null) {
            return;
        }
        rules.countInjected(rule.kind());
        exchange.faultRule(rule.id());
        FaultKind kind = rule.kind();
        if (kind.error() != null) {
            Map<String, String> headers = rule.retryAfterSeconds() == null ? Map.of()
                    : Map.of("retry-after", Integer.toString(rule.retryAfterSeconds()));
            throw ApiException.of(kind.error()).withHeaders(headers);
        }
        StreamPlan plan = exchange.streamPlan();
        switch (kind) {
            // The wait is the encoder's, on the shared timer: a delayed answer holds no thread.
            case LATENCY -> exchange.streamPlan(plan.delayed(rule.latencyMillis()));
            case SLOW_STREAM -> exchange.streamPlan(plan.paced(
                    new StreamTiming(rule.timeToFirstTokenMillis(), rule.tokensPerSecond(), 0, rule.seed())));
            default -> exchange.streamPlan(plan.interrupted(kind.interruption(), rule.afterEvents()));
        }
    }
}
