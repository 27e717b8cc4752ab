package dev.mantlemock.faults;

import dev.mantlemock.pipeline.Exchange;
import java.util.Optional;

/**
 * The fixtures as a fault rule aimed at one stub sees them ({@code stub} in a rule): which one would answer
 * an exchange, and whether a name exists. Implemented by the server over {@code fixtures.FixtureCatalogue},
 * so faults never match requests themselves: the stub's own match decides.
 */
public interface StubLookup {
    /** No fixtures: a rule naming a stub is refused. */
    StubLookup NONE = new StubLookup() {
        @Override
        public Optional<String> wouldAnswer(Exchange exchange) {
            return Optional.empty();
        }

        @Override
        public boolean exists(String name) {
            return false;
        }
    };

    /** The name of the fixture that would answer this exchange now (claiming nothing), if any. */
    Optional<String> wouldAnswer(Exchange exchange);

    boolean exists(String name);
}
