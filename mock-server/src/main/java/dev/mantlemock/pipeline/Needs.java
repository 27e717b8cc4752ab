package dev.mantlemock.pipeline;

import java.util.Set;

/**
 * What a stage reads from the exchange and what it provides. {@link RequestPipeline} checks, when it is
 * assembled, that every slot a stage reads is provided by an earlier stage; while a request runs, the
 * exchange refuses a read or a write the running stage did not declare.
 */
public final class Needs {
    public static final Needs NOTHING = new Needs(Set.of(), Set.of());

    private final Set<Slot<?>> reads;
    private final Set<Slot<?>> provides;
    /** The same sets as bits by slot index: every read and write of every request is checked, cheaply. */
    private final long readable;
    private final long providable;

    public Needs(Set<Slot<?>> reads, Set<Slot<?>> provides) {
        this.reads = Set.copyOf(reads);
        this.provides = Set.copyOf(provides);
        this.providable = bits(this.provides);
        this.readable = bits(this.reads) | providable;
    }

    private static long bits(Set<Slot<?>> slots) {
        long bits = 0;
        for (Slot<?> slot : slots) {
            bits |= 1L << slot.index;
        }
        return bits;
    }

    public Set<Slot<?>> reads() {
        return reads;
    }

    public Set<Slot<?>> provides() {
        return provides;
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
        return (readable & 1L << slot.index) != 0;
    }

    boolean mayProvide(Slot<?> slot) {
        return (providable & 1L << slot.index) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Needs n && n.reads.equals(reads) && n.provides.equals(provides);
    }

    @Override
    public int hashCode() {
        return reads.hashCode() * 31 + provides.hashCode();
    }

    @Override
    public String toString() {
        return "Needs[reads=" + reads + ", provides=" + provides + "]";
    }
}
