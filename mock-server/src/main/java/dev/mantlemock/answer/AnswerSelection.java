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
import java.util.List;
import java.util.Optional;

/** Decides what the model says: the first fixture that matches, else the deterministic generator. */
public final class AnswerSelection implements Stage {
    private final FixtureCatalogue fixtures;
    private final FixtureAnswers fixtureAnswers;
    private final AnswerGenerator generator;

    public AnswerSelection(FixtureCatalogue fixtures, FixtureAnswers fixtureAnswers, AnswerGenerator generator) {
        this.fixtures = fixtures;
        this.fixtureAnswers = fixtureAnswers;
        this.generator = generator;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.STREAM_PLAN).andProvides(Slot.ANSWER, Slot.STREAM_PLAN);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return;
        }
        String scenario = exchange.scenario();
        List<String> loaded = fixtures.scenarios();
        if (scenario != null && !loaded.contains(scenario)) {
            throw ApiException.of(ApiError.UNKNOWN_SCENARIO, scenario, loaded.isEmpty() ? "none" : String.join(", ", loaded));
        }
        Optional<Fixture> fixture = fixtures.match(exchange);
        if (fixture.isEmpty()) {
            exchange.answer(generator.generate(exchange.message(), exchange.model()));
            return;
        }
        Fixture f = fixture.get();
        if (f.error != null) {
            throw ApiException.scripted(ErrorType.fromWireName(f.error.type), f.error.status, f.error.message, f.error.headers);
        }
        exchange.answer(fixtureAnswers.answer(f, exchange.message(), exchange.model()));
        if (f.timing != null) {
            // A fault chosen earlier (an interrupted stream, a latency) stays; the fixture sets the pace.
            exchange.streamPlan(exchange.streamPlan().paced(f.timing.timing()));
        }
    }
}
