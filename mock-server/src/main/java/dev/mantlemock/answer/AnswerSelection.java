package dev.mantlemock.answer;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.pipeline.Relay;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

/**
 * Decides what the model says: the first fixture that matches, else what {@link Replay#onMiss} says (the
 * deterministic generator by default; a 404 naming the nearest recordings; or the upstream, recorded).
 */
public final class AnswerSelection implements Stage {
    private final FixtureCatalogue fixtures;
    private final FixtureAnswers fixtureAnswers;
    private final AnswerGenerator generator;
    private final Replay replay;

    /** The origin of a generated answer, as a broken rule's error names it. */
    public static final String GENERATOR = "the mock's answer generator";

    /** What a miss does, and whether recordings keep their captured pace. */
    public enum OnMiss { GENERATE, FAIL, RECORD }

    /**
     * @param onMiss         what answers a request no fixture matches
     * @param forward        with {@link OnMiss#RECORD}: the upstream's answer, recorded (null otherwise)
     * @param recordedTiming whether a recording streams at its captured pace ({@code timing: recorded}) or the configured preset
     */
    public record Replay(OnMiss onMiss, Function<Exchange, Relay> forward, boolean recordedTiming) {
        public static final Replay DEFAULT = new Replay(OnMiss.GENERATE, null, true);

        public Replay {
            if (onMiss == OnMiss.RECORD && forward == null) {
                throw new IllegalArgumentException("on-miss 'record' needs an upstream to record from (--record-from URL)");
            }
        }
    }

    public AnswerSelection(FixtureCatalogue fixtures, FixtureAnswers fixtureAnswers, AnswerGenerator generator) {
        this(fixtures, fixtureAnswers, generator, Replay.DEFAULT);
    }

    public AnswerSelection(FixtureCatalogue fixtures, FixtureAnswers fixtureAnswers, AnswerGenerator generator, Replay replay) {
        this.fixtures = fixtures;
        this.fixtureAnswers = fixtureAnswers;
        this.generator = generator;
        this.replay = replay;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.STREAM_PLAN)
                .andProvides(Slot.ANSWER, Slot.ANSWER_ORIGIN, Slot.STREAM_PLAN, Slot.RELAY, Slot.INPUT_TOKENS, Slot.FIXTURE);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            countTokens(exchange);
            return;
        }
        String scenario = exchange.scenario();
        if (scenario != null) { // the list is built from the added fixtures too: only when a test names a scenario
            List<String> loaded = fixtures.scenarios();
            if (!loaded.contains(scenario)) {
                throw ApiException.of(ApiError.UNKNOWN_SCENARIO, scenario, loaded.isEmpty() ? "none" : String.join(", ", loaded));
            }
        }
        Optional<Fixture> fixture = fixtures.match(exchange);
        if (fixture.isEmpty()) {
            miss(exchange, () -> {
                exchange.answer(generator.generate(exchange.message(), exchange.model()));
                exchange.answerOrigin(GENERATOR);
            });
            return;
        }
        exchange.fixture(fixture.get().name);
        Fixture f = scriptedErrorOf(fixture.get());
        exchange.answer(fixtureAnswers.answer(f, exchange.message(), exchange.model()));
        exchange.answerOrigin(f.origin());
        InputTokens written = f.response == null ? null : f.response.writtenInputTokens();
        if (written != null) {
            exchange.inputTokens(written); // a recording replays Bedrock's counts, not the mock's
        }
        if (f.timing != null && (replay.recordedTiming() || !f.timing.isRecorded())) {
            // A fault chosen earlier (an interrupted stream, a latency) stays; the fixture sets the pace.
            exchange.streamPlan(exchange.streamPlan().paced(f.timing.timing()));
        }
        if (f.timing != null && f.timing.latencyModelOn() != null) {
            exchange.streamPlan(exchange.streamPlan().modelled(f.timing.latencyModelOn())); // the fixture's own switch wins
        }
    }

    /** A recorded count_tokens answer replaces the estimate; without one, the estimate stands (or the miss rule). */
    private void countTokens(Exchange exchange) {
        Optional<Fixture> fixture = fixtures.match(exchange);
        if (fixture.isEmpty()) {
            miss(exchange, () -> { }); // the estimate counted earlier is the generated answer
            return;
        }
        exchange.fixture(fixture.get().name);
        exchange.inputTokens(InputTokens.uncached(scriptedErrorOf(fixture.get()).response.inputTokens));
    }

    private void miss(Exchange exchange, Runnable generate) {
        switch (replay.onMiss()) {
            case GENERATE -> generate.run();
            case RECORD -> exchange.relay(replay.forward().apply(exchange));
            case FAIL -> {
                List<String> near = fixtures.nearest(exchange, 3);
                throw ApiException.of(ApiError.REPLAY_MISS, near.isEmpty() ? "none (no recording is loaded)" : String.join("; ", near));
            }
        }
    }

    /** The fixture, unless it scripts an error: then that error ends the request. */
    private static Fixture scriptedErrorOf(Fixture f) {
        if (f.error != null) {
            throw ApiException.scripted(ErrorType.fromWireName(f.error.type), f.error.status, f.error.message, f.error.headers);
        }
        return f;
    }
}
