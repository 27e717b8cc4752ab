package dev.mantlemock.latency;

import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.domain.StreamTiming;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets an answer's pace from its size and the load, when the stream plan says the latency model applies
 * (the run's {@code streaming.latency-model}, or a fixture's own): time to first token from the prompt's
 * length, output speed, both slowed by the requests in flight for the model. A streamed answer is paced;
 * a non-streamed one waits as long as its stream would have taken. A pace a fault or fixture chose stays.
 */
public final class LatencyModel implements Stage {
    private final LatencyTable table;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public LatencyModel(LatencyTable table) {
        this.table = table;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.INPUT_TOKENS, Slot.ANSWER, Slot.STREAM_PLAN)
                .andProvides(Slot.STREAM_PLAN);
    }

    @Override
    public void process(Exchange exchange) {
        StreamPlan plan = exchange.streamPlan();
        if (!plan.modelled() || exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return;
        }
        String model = exchange.model().id();
        AtomicInteger running = inFlight.computeIfAbsent(model, k -> new AtomicInteger());
        int n = running.incrementAndGet();
        exchange.onComplete(c -> running.decrementAndGet());
        LatencyProfile p = table.forModel(model);
        InputTokens input = exchange.inputTokens();
        long ttft = Math.round(p.timeToFirstTokenMillis(input.total() - input.cacheRead(), n));
        double speed = p.tokensPerSecond(n);
        if (exchange.message().stream()) {
            StreamTiming t = plan.timing();
            exchange.streamPlan(plan.paced(new StreamTiming(ttft, speed, t.jitter(), t.seed())).modelled(true));
        } else {
            long generating = Math.round(exchange.answer().outputTokens() * 1000.0 / speed);
            exchange.streamPlan(plan.delayed(plan.latencyMillis() + ttft + generating));
        }
    }

    /** Requests of {@code model} in flight now, as the model counts them. */
    public int inFlight(String model) {
        AtomicInteger n = inFlight.get(model);
        return n == null ? 0 : n.get();
    }
}
