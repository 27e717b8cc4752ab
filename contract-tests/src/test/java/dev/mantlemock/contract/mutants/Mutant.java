package dev.mantlemock.contract.mutants;

import java.util.Set;
import java.util.function.Consumer;

/**
 * A deliberately broken variant of the mock's correct answers, and the contracts that must notice.
 *
 * @param name     short label, e.g. {@code missing-usage}
 * @param breaks   what a real endpoint would never do
 * @param caughtBy the contract ids that must fail against it (others may fail too)
 * @param mutation edits each exchange in place; leaves exchanges it does not concern alone
 */
public record Mutant(String name, String breaks, Set<String> caughtBy, Consumer<Exchange> mutation) {
    /** The control: the proxy passes every answer through unchanged. */
    public static final Mutant NONE = new Mutant("faithful-proxy", "nothing", Set.of(), e -> {});

    @Override
    public String toString() {
        return name;
    }
}
