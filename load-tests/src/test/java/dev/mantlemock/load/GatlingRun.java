package dev.mantlemock.load;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a simulation in this JVM, as CI's load tests do, with {@code load.*} settings that are put
 * back afterwards; returns Gatling's exit status and the run's summary.
 */
final class GatlingRun implements AutoCloseable {
    static final Path SUMMARIES = Path.of(System.getProperty("load.summaryDir", "target/load-summary"), "smoke");
    private final Map<String, String> previous = new LinkedHashMap<>();

    GatlingRun() {
        set("load.summaryDir", SUMMARIES.toString());
    }

    GatlingRun set(String key, String value) {
        previous.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
        return this;
    }

    /** Gatling's exit status: 0 when its assertions held. */
    int run(String simpleName) {
        try {
            Files.deleteIfExists(summaryFile(simpleName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", "dev.mantlemock.load.sim." + simpleName,
                "--results-folder", Path.of("target", "gatling").toString(),
                "--no-reports"});
    }

    RunSummary summary(String simpleName) {
        return RunSummary.readJson(summaryFile(simpleName));
    }

    private static Path summaryFile(String simpleName) {
        return SUMMARIES.resolve(simpleName + "-latest.json");
    }

    static Check check(RunSummary summary, String prefix) {
        return summary.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no check starting with '" + prefix + "' in " + summary.checks()));
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        previous.clear();
    }
}
