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
public final class GatlingRun implements AutoCloseable {
    static final Path SUMMARIES = Path.of(System.getProperty("load.summaryDir", "target/load-summary"), "smoke");
    private final Map<String, String> previous = new LinkedHashMap<>();
    private final Path summaries;

    GatlingRun() {
        this(SUMMARIES);
    }

    /** A run whose summaries (JSON and HTML report) go to {@code summaries}. */
    public GatlingRun(Path summaries) {
        this.summaries = summaries;
        set("load.summaryDir", summaries.toString());
    }

    public GatlingRun set(String key, String value) {
        previous.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
        return this;
    }

    /** Gatling's exit status: 0 when its assertions held. */
    public int run(String simpleName) {
        try {
            Files.deleteIfExists(summaryFile(simpleName));
            Files.deleteIfExists(summaries.resolve(simpleName + "-latest.html"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", "dev.mantlemock.load.sim." + simpleName,
                "--results-folder", Path.of("target", "gatling").toString(),
                "--no-reports"});
    }

    public RunSummary summary(String simpleName) {
        return RunSummary.readJson(summaryFile(simpleName));
    }

    /** The run's summary JSON; its HTML report is beside it, with the extension {@code .html}. */
    public Path summaryFile(String simpleName) {
        return summaries.resolve(simpleName + "-latest.json");
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
