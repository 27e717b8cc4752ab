package dev.mantlemock.recording;

import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Relay;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.upstream.Capture;
import dev.mantlemock.upstream.Upstream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record mode, right after the mock's own auth: the request goes to the upstream, re-signed, its answer
 * comes back to the client as it arrives, and the exchange is written as a fixture. Also what a replay
 * miss calls with {@code on-miss: record}.
 */
public final class RecordingStage implements Stage {
    private final Upstream upstream;
    private final Recorder recorder;
    /** Relays whose recording is not written yet (see {@link #pending()}). */
    private final AtomicInteger pending = new AtomicInteger();

    public RecordingStage(Upstream upstream, Recorder recorder) {
        this.upstream = upstream;
        this.recorder = recorder;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.PRINCIPAL).andProvides(Slot.RELAY);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.relay(forward(exchange));
    }

    /** The upstream's answer to this exchange, relayed and then recorded. */
    public Relay forward(Exchange exchange) {
        String requestId = exchange.requestId();
        Endpoint endpoint = exchange.endpoint();
        HttpRequestView request = exchange.request();
        return channel -> {
            Capture capture = new Capture();
            pending.incrementAndGet();
            return upstream.relay(requestId, endpoint, request, channel, capture)
                    .whenComplete((done, failure) -> {
                        try {
                            recorder.write(endpoint, request, capture);
                        } finally {
                            pending.decrementAndGet();
                        }
                    });
        };
    }

    /**
     * Relays whose recording is not written yet. The client has the whole answer before its recording is
     * written, so a mock closed right after its last answer waits for these (MockServer.close).
     */
    public int pending() {
        return pending.get();
    }

    public String describe() {
        return upstream.describe();
    }
}
