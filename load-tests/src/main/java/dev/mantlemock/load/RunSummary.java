package dev.mantlemock.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run found, for a quota request: per phase and overall figures, the quota assertions and
 * whether they held, and any headline result (the probe's sustained TPM). Written as JSON and
 * printed as a table.
 */
public record RunSummary(
        String simulation,
        String target,
        Map<String, Object> plan,
        List<PhaseStats> phases,
        PhaseStats overall,
        List<Check> checks,
        boolean quotaAssertionsHeld,
        Map<String, Object> result,
        List<Timeline.Second> timeline) {

    public RunSummary {
        timeline = timeline == null ? List.of() : List.copyOf(timeline); // a summary written before the time series had none
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static RunSummary of(String simulation, String target, Map<String, Object> plan, List<PhaseStats> phases,
                                PhaseStats overall, List<Check> checks, Map<String, Object> result) {
        boolean held = checks.stream().allMatch(Check::asExpected);
        return new RunSummary(simulation, target, new LinkedHashMap<>(plan), List.copyOf(phases), overall,
                List.copyOf(checks), held, new LinkedHashMap<>(result), List.of());
    }

    /** The same summary with its per-second time series. */
    public RunSummary withTimeline(List<Timeline.Second> seconds) {
        return new RunSummary(simulation, target, plan, phases, overall, checks, quotaAssertionsHeld, result, seconds);
    }

    public Path writeJson(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run summary to " + file, e);
        }
    }

    public static RunSummary readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the run summary " + file, e);
        }
    }

    /** Above this many phases (the probe's steps) the table turns: one row per phase. */
    static final int MAX_COLUMNS = 5;

    /** The summary as a fixed-width table, one column per phase (one row per step for the probe), then the checks. */
    public String toTable() {
        return toTable(false);
    }

    /**
     * The table of a run that is expected to fail its assertions (a control run of a self-check): a
     * check that did not come out as a real run needs is labelled as the expected outcome, so no line of
     * a passing build reads FAILED.
     */
    public String toTable(boolean controlRun) {
        List<PhaseStats> columns = new ArrayList<>(phases);
        if (phases.size() != 1) {
            columns.add(overall);
        }
        StringBuilder out = new StringBuilder();
        out.append("==== ").append(controlRun ? "CONTROL RUN (expected to fail its quota assertions) " : "")
                .append(simulation).append(" against ").append(target).append('\n');
        plan.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-30s %s%n", k, v)));
        if (columns.size() > MAX_COLUMNS) {
            rows(out, columns);
        } else {
            columns(out, columns);
        }
        // A nested figure (the edge's own numbers) is for the JSON and the HTML report; the table names where it is.
        result.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  RESULT %-30s %s%n", k,
                v instanceof Map<?, ?> ? "(in the summary JSON and the HTML report)" : v)));
        for (Check c : checks) {
            String verdict = c.asExpected() ? "ok" : controlRun ? "not held, as this control run expects" : "FAILED";
            out.append(String.format(Locale.ROOT, "  [%s] %s: %s%n", verdict, c.name(), c.observed()));
        }
        out.append("  quota assertions held: ").append(quotaAssertionsHeld ? "yes" : controlRun ? "no, as this control run expects" : "NO")
                .append('\n');
        return out.toString();
    }

    private static void rows(StringBuilder out, List<PhaseStats> phases) {
        out.append(String.format(Locale.ROOT, "  %-10s %8s %9s %10s %12s %12s %10s %16s%n",
                "phase", "requests", "429 share", "req/min", "quota TPM", "input TPM", "output TPM", "p50/p95/p99 ms"));
        for (PhaseStats p : phases) {
            out.append(String.format(Locale.ROOT, "  %-10s %8d %9s %10s %12s %12s %10s %16s%n",
                    p.phase(), p.requests(), QuotaChecks.percent(p.throttledShare()), fmt(p.requestsPerMinute()),
                    fmt(p.quotaTpm()), fmt(p.inputTpm()), fmt(p.outputTpm()),
                    p.latencyP50Ms() + "/" + p.latencyP95Ms() + "/" + p.latencyP99Ms()));
        }
    }

    private static void columns(StringBuilder out, List<PhaseStats> columns) {
        row(out, "", columns, PhaseStats::phase);
        row(out, "seconds", columns, p -> fmt(p.seconds()));
        row(out, "requests", columns, p -> Long.toString(p.requests()));
        row(out, "429 share", columns, p -> QuotaChecks.percent(p.throttledShare()));
        row(out, "other errors", columns, p -> Long.toString(p.otherErrors()));
        row(out, "requests/min", columns, p -> fmt(p.requestsPerMinute()));
        row(out, "input TPM (prompt)", columns, p -> fmt(p.inputTpm()));
        row(out, "output TPM", columns, p -> fmt(p.outputTpm()));
        row(out, "quota TPM (in+out)", columns, p -> fmt(p.quotaTpm()));
        row(out, "charge/req at admission", columns, p -> fmt(p.admissionChargePerRequest()));
        row(out, "charge/req settled", columns, p -> fmt(p.settledChargePerRequest()));
        row(out, "latency p50/p95/p99 ms", columns, p -> p.latencyP50Ms() + "/" + p.latencyP95Ms() + "/" + p.latencyP99Ms());
        row(out, "TTFT p50/p95/p99 ms", columns, p -> p.ttftP50Ms() < 0 ? "-" : p.ttftP50Ms() + "/" + p.ttftP95Ms() + "/" + p.ttftP99Ms());
        row(out, "output tok/s p50 (streams)", columns, p -> p.outputTokensPerSecondP50() < 0 ? "-" : fmt(p.outputTokensPerSecondP50()));
    }

    private static void row(StringBuilder out, String label, List<PhaseStats> columns, java.util.function.Function<PhaseStats, String> cell) {
        out.append(String.format(Locale.ROOT, "  %-24s", label));
        for (PhaseStats p : columns) {
            out.append(String.format(Locale.ROOT, " %16s", cell.apply(p)));
        }
        out.append('\n');
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
