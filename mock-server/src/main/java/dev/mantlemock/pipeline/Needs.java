package dev.mantlemock.pipeline;

import java.util.Set;

/**
 * What a stage reads from the exchange and what it provides. {@link RequestPipeline} checks, when it is
 * assembled, that every slot a stage reads is provided by an earlier stage; while a request runs, the
 * exchange refuses a read or a write the running stage did not declare.
 */
public record Needs(Set<Slot<?>> reads, Set<Slot<?>> provides) {
    public static final Needs NOTHING = new Needs(Set.of(), Set.of());

    public Needs {
        reads = Set.copyOf(reads);
        provides = Set.copyOf(provides);
    }

    public static Needs reads(Slot<?>... slots) {
        return new Needs(Set.of(slots), Set.of());
    }

    public static Needs provides(Slot<?>... slots) {
        return new Needs(Set.of(), Set.of(slots));
    }

    public Needs andProvides(Slot<?>... slots) {
        return new Needs(reads, Set.of(slots));
    }

    boolean mayRead(Slot<?> slot) {
        return reads.contains(slot) || provides.contains(slot);
    }
}
