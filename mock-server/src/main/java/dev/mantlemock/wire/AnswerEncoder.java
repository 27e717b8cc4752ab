package dev.mantlemock.wire;

import dev.mantlemock.domain.StreamPlan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.ContextEdits;
import dev.mantlemock.domain.InputTransformations;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.Ids;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.ResponseChannel;
import dev.mantlemock.pipeline.ResponseEncoder;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** Chooses the wire form of an exchange's answer: count_tokens JSON, a Message as JSON, or an SSE stream. */
public final class AnswerEncoder implements ResponseEncoder {
    private final SseEncoder sse;
    private final MessageJson shape;
    private final StreamWriter streams;

    public AnswerEncoder(StreamWriter streams) {
        this.sse = streams.encoder();
        this.shape = sse.shape();
        this.streams = streams;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.INPUT_TOKENS, Slot.ANSWER, Slot.STREAM_PLAN, Slot.OUTPUT_METER,
                Slot.CONTEXT_EDITS, Slot.INPUT_TRANSFORMATIONS);
    }

    @Override
    public CompletableFuture<Void> send(Exchange exchange, ResponseChannel channel, IntConsumer outputTokens) {
        long latency = exchange.streamPlan().latencyMillis();
        return latency > 0 ? streams.after(latency, channel, () -> sendNow(exchange, channel, outputTokens))
                : sendNow(exchange, channel, outputTokens);
    }

    private CompletableFuture<Void> sendNow(Exchange exchange, ResponseChannel channel, IntConsumer outputTokens) {
        Map<String, String> headers = headers(exchange, "application/json");
        InputTokens input = exchange.inputTokens();
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            ObjectNode body = MessageJson.F.objectNode().put("input_tokens", input.total());
            return json(channel, headers, body);
        }
        String id = Ids.messageId();
        String model = exchange.message().model();
        Answer answer = exchange.answer();
        if (exchange.message().stream()) {
            StreamPlan plan = exchange.streamPlan();
            channel.begin(200, "text/event-stream; charset=utf-8", headers(exchange, "text/event-stream"));
            Iterator<SseEvent> events = withReports(sse.stream(id, model, answer, input), exchange.contextEdits(),
                    exchange.inputTransformations());
            return streams.write(events, answer, plan, channel, exchange.outputMeter(), input, outputTokens);
        }
        int granted = exchange.outputMeter().grant(answer.outputTokens());
        if (granted < answer.outputTokens()) {
            answer = cut(answer, granted, id, model, input);
        }
        outputTokens.accept(answer.outputTokens());
        ObjectNode message = shape.message(id, model, answer, input);
        if (exchange.contextEdits().report() != null) {
            message.set("context_management", exchange.contextEdits().report());
        }
        if (exchange.inputTransformations().report() != null) {
            message.set("input_transformations", exchange.inputTransformations().report());
        }
        return json(channel, headers, message);
    }

    /**
     * A stream reports context editing on its message_delta, as the first-party stream does, and input
     * transformations in message_start, where they are final (TS SDK 1.17 types).
     */
    private static Iterator<SseEvent> withReports(Iterator<SseEvent> events, ContextEdits edits,
            InputTransformations transformations) {
        if (edits.report() == null && transformations.report() == null) {
            return events;
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public SseEvent next() {
                SseEvent e = events.next();
                if (e.name().equals("message_delta") && edits.report() != null) {
                    e.data().set("context_management", edits.report());
                }
                if (e.name().equals("message_start") && transformations.report() != null) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e.data().path("message"))
                            .set("input_transformations", transformations.report());
                }
                return e;
            }
        };
    }

    /** The answer as it stood when the output quota ran out: what a stream would have delivered by then. */
    private Answer cut(Answer answer, int granted, String id, String model, InputTokens input) {
        StreamAccumulator acc = new StreamAccumulator();
        int produced = 0;
        for (Iterator<SseEvent> events = sse.stream(id, model, answer, input); events.hasNext(); ) {
            SseEvent e = events.next();
            if (e.delta() && produced + e.tokens() > granted) {
                break;
            }
            produced += e.tokens();
            acc.accept(e);
        }
        return SseEncoder.cutAt(answer, produced).withContent(acc.content());
    }

    private static Map<String, String> headers(Exchange exchange, String kind) {
        boolean stream = kind.equals("text/event-stream");
        if (exchange.responseHeaders().isEmpty()) {
            return stream ? Map.of("request-id", exchange.requestId(), "cache-control", "no-cache")
                    : Map.of("request-id", exchange.requestId());
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(exchange.responseHeaders());
        headers.put("request-id", exchange.requestId());
        if (stream) {
            headers.put("cache-control", "no-cache");
        }
        return headers;
    }

    private static CompletableFuture<Void> json(ResponseChannel channel, Map<String, String> headers, ObjectNode body) {
        channel.begin(200, "application/json", headers);
        try {
            channel.body(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable answer", e);
        } catch (IOException e) {
            // the client left before the answer was written
        }
        return CompletableFuture.completedFuture(null);
    }
}
