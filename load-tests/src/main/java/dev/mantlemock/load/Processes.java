package dev.mantlemock.load;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending a process a run started (the mock's JVM, a browser), so none outlives the run. */
public final class Processes {
    private Processes() {}

    /**
     * Asks {@code process} to stop, forces it after 5 s, and forces every process it had started (a
     * browser's renderers, for instance), which would otherwise be left running without a parent.
     */
    public static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
