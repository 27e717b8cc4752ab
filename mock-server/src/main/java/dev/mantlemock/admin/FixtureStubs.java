package dev.mantlemock.admin;

import dev.mantlemock.faults.StubLookup;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.pipeline.Exchange;
import java.util.Optional;

/** The fixtures as fault rules aimed at one stub see them: the catalogue's own matching decides. */
record FixtureStubs(FixtureCatalogue fixtures) implements StubLookup {
    @Override
    public Optional<String> wouldAnswer(Exchange exchange) {
        return fixtures.wouldAnswer(exchange);
    }

    @Override
    public boolean exists(String name) {
        return fixtures.added().stream().anyMatch(f -> f.name.equals(name)) || fixtures.all().stream().anyMatch(f -> f.name.equals(name));
    }
}
