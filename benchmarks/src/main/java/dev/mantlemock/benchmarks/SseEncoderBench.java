package dev.mantlemock.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.wire.SseEncoder;
import dev.mantlemock.wire.SseEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SseEncoder}: building a stream's events from an answer, and framing them as
 * {@code event: ...\ndata: ...\n\n} bytes, for the 10-event stream of the load benchmark
 * (4 text deltas) and a longer answer (about 100 deltas).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseEncoderBench {
    @Param({"4", "100"})
    int deltas;

    SseEncoder encoder;
    Answer answer;
    InputTokens input;
    List<SseEvent> events;

    @Setup
    public void setUp() {
        encoder = new SseEncoder(0);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < deltas; i++) {
            text.append("abcdefghijklmn ");
        }
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "text").put("text", text.toString().strip());
        answer = new Answer(List.of(block), "end_turn", null, deltas * 4);
        input = InputTokens.uncached(12);
        events = encoder.events("msg_bench", "anthropic.claude-haiku-4-5", answer, input);
        events.forEach(SseEvent::data); // parsed once here, so frameAll measures only the framing
    }

    @Benchmark
    public List<SseEvent> events() {
        return encoder.events("msg_bench", "anthropic.claude-haiku-4-5", answer, input);
    }

    /** Framing from JSON with Jackson, for every event (an event caches its frame, so not {@code e.frame()}). */
    @Benchmark
    public void frameAll(Blackhole bh) {
        for (SseEvent e : events) {
            bh.consume(SseEncoder.frame(e.name(), e.data()));
        }
    }

    @Benchmark
    public void eventsAndFrames(Blackhole bh) {
        for (SseEvent e : encoder.events("msg_bench", "anthropic.claude-haiku-4-5", answer, input)) {
            bh.consume(e.frame());
        }
    }
}
