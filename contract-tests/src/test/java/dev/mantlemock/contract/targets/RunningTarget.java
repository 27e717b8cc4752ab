package dev.mantlemock.contract.targets;

import dev.mantlemock.contract.Target;

/** A target and how to stop what was started for it (the in-process mock), if anything. */
public record RunningTarget(Target target, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        stop.close();
    }
}
