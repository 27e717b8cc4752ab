package dev.mantlemock.load;

import io.gatling.app.Gatling$;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a simulation in this JVM, as the ITs do, with {@code load.*} settings set for the run and put
 * back afterwards (a run reads its settings from system properties).
 */
public final class GatlingRuns implements AutoCloseable {
    private final Map<String, String> previous = new LinkedHashMap<>();

    public GatlingRuns set(String key, String value) {
        previous.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
        return this;
    }

    /** Gatling's exit status: 0 when the run and its Gatling assertions passed. */
    public int run(String simulation) {
        return Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation,
                "--results-folder", Path.of("target", "gatling").toString(),
                "--no-reports"});
    }

    /** Puts every property set back as it was. */
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
