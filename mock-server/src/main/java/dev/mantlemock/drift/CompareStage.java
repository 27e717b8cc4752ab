package dev.mantlemock.drift;

import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Relay;
import dev.mantlemock.pipeline.RequestPipeline;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.upstream.Capture;
import dev.mantlemock.upstream.CapturingChannel;
import dev.mantlemock.upstream.Upstream;
import dev.mantlemock.answer.StopReasonHeader;
import dev.mantlemock.faults.FaultInjection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Compare mode, right after the mock's own auth: the request is answered by the mock (its whole request
 * path, into a capture) and by the upstream (relayed to the client, so a team's run stays real); once
 * both have finished, every difference goes to the drift log.
 */
public final class CompareStage implements Stage {
    /**
     * The client's test headers change the mock's answer, not the upstream's (which never sees them): applied
     * to the mock's side only, every such request would log a difference the client made itself.
     */
    static final List<String> NOT_APPLIED = List.of(FaultInjection.HEADER, Exchange.SCENARIO_HEADER, StopReasonHeader.HEADER);

    private final Upstream upstream;
    private final RequestPipeline mock;
    private final DriftLog log;
    private final Clock clock;

    public CompareStage(Upstream upstream, RequestPipeline mock, DriftLog log, Clock clock) {
        this.upstream = upstream;
        this.mock = mock;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.PRINCIPAL).andProvides(Slot.RELAY);
    }

    @Override
    public void process(Exchange exchange) {
        String requestId = exchange.requestId();
        Endpoint endpoint = exchange.endpoint();
        HttpRequestView request = exchange.request();
        Relay relay = channel -> {
            Capture theirs = new Capture();
            CompletableFuture<Completion> relayed = upstream.relay(requestId, endpoint, request, channel, theirs);
            Capture ours = new Capture();
            CompletableFuture<Void> answered = mock.handle(new Exchange(Ids.requestId(), endpoint,
                    request.withoutHeaders(NOT_APPLIED), clock.instant(), System.nanoTime()), new CapturingChannel(ours));
            return relayed.thenCombine(answered, (done, ignored) -> {
                // An upstream never asked or that never answered, or a client that left, leaves no whole answer to compare.
                if (theirs.outcome() != null && theirs.outcome() != Capture.Outcome.CLIENT_LEFT
                        && theirs.outcome() != Capture.Outcome.NOT_SENT) {
                    log.note(requestId, endpoint.path(), model(request), Drift.between(ours, theirs));
                }
                return done;
            });
        };
        exchange.relay(relay);
    }

    private static String model(HttpRequestView request) {
        try {
            return dev.mantlemock.domain.Json.MAPPER.readTree(request.body()).path("model").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
