package dev.mantlemock.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The merge step of a run on several injectors: reads every injector's records ({@link RunRecords}) and
 * writes one summary and one HTML report, as if one injector had sent everything. Where the injectors'
 * records and the mock's own per-second counts disagree (a lost injector, a stream refused whose status
 * Gatling's SSE hides), the mock's counts are the truth: they decide the probe's steps and the summary
 * says so. Against AWS the 429s the injectors saw are all there is.
 *
 * <pre>java -cp ... dev.mantlemock.load.MergeRuns [--out DIR] RECORDS_DIR_OR_FILE...</pre>
 */
public final class MergeRuns {
    private MergeRuns() {}

    public static void main(String[] args) {
        Path out = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: MergeRuns [--out DIR] RECORDS_DIR_OR_FILE... (each injector's <Simulation>-injector-<i>.jsonl)");
            System.exit(2);
        }
        List<Path> files = files(inputs);
        RunSummary merged = merge(files);
        Path dir = out != null ? out : files.get(0).toAbsolutePath().getParent();
        Path json = merged.writeJson(dir.resolve(merged.simulation() + "-merged.json"));
        Path html = RunReport.write(merged, dir.resolve(merged.simulation() + "-merged.html"));
        System.out.println(merged.toTable());
        System.out.println("Merged summary: " + json.toAbsolutePath());
        System.out.println("Merged report (open in a browser, no network needed): " + html.toAbsolutePath());
    }

    /** Every {@code *-injector-*.jsonl} in the directories given, and the files given. */
    public static List<Path> files(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no records at " + p.toAbsolutePath() + " (paths are taken from where the command runs)");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().matches(".*-injector-\\d+\\.jsonl")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** One summary from every injector's records. */
    public static RunSummary merge(List<Path> files) {
        List<RunRecords.Read> reads = new ArrayList<>();
        for (Path f : files) {
            reads.add(RunRecords.read(f));
        }
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("no injector records to merge");
        }
        reads.sort(Comparator.comparingInt(RunRecords.Read::injector));
        RunRecords.Read first = reads.get(0);
        String simulation = first.simulation();
        int injectors = first.run().path("injectors").asInt(1);
        for (RunRecords.Read r : reads) {
            if (!r.simulation().equals(simulation)) {
                throw new IllegalArgumentException("records of different runs: " + simulation + " and " + r.simulation() + " (" + r.file() + ")");
            }
        }
        JsonNode base = first.decided().get("summary");
        if (base == null) {
            throw new IllegalArgumentException(first.file() + " has no summary line: did that injector finish?");
        }
        RunSummary own = RunRecords.JSON.convertValue(base, RunSummary.class);
        List<Outcome> all = new ArrayList<>();
        reads.forEach(r -> all.addAll(r.outcomes()));
        List<JsonNode> server = serverSeconds(reads);

        List<PhaseStats> phases = new ArrayList<>();
        for (PhaseStats p : own.phases()) {
            phases.add(PhaseStats.of(p.phase(), phase(all, p.phase()), p.seconds()));
        }
        PhaseStats overall = PhaseStats.of(own.overall().phase(), all, own.overall().seconds());
        Map<String, Object> plan = new LinkedHashMap<>(own.plan());
        plan.put("injectors", String.format(Locale.ROOT, "%d of %d wrote records (%s)", reads.size(), injectors,
                String.join(", ", reads.stream().map(r -> r.file().getFileName().toString()).toList())));
        Map<String, Object> result = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of("every injector's records are here", reads.size() == injectors, reads.size() + " of " + injectors));
        Truth truth = Truth.of(all, server);
        result.put("global truth", truth.describe());
        if (!server.isEmpty()) {
            checks.add(Check.of("the injectors' 429s agree with the mock's own count", truth.agree(), truth.describe()));
        }
        JsonNode probe = first.decided().get("probe");
        if (probe != null) {
            mergeProbe(reads, probe, all, phases, checks, result);
        } else {
            checks.add(QuotaChecks.noOtherErrors(overall));
        }
        RunSummary merged = RunSummary.of(simulation, own.target() + " from " + reads.size() + " injectors", plan, phases, overall,
                checks, result);
        double window = number(probe == null ? null : probe.path("parameters").path("windowSeconds"), 60);
        long quota = (long) number(probe == null ? null : probe.path("parameters").path("quotaInputTpm"),
                number(RunRecords.JSON.valueToTree(own.plan().get(RunReport.QUOTA)), 0));
        long admission = (long) number(RunRecords.JSON.valueToTree(own.plan().get(RunReport.ADMISSION)), 0);
        return merged.withTimeline(Timeline.of(all, server, quota, window, admission));
    }

    private static void mergeProbe(List<RunRecords.Read> reads, JsonNode probeLine, List<Outcome> all, List<PhaseStats> phases,
                                   List<Check> checks, Map<String, Object> result) {
        Map<String, Object> parameters = RunRecords.JSON.convertValue(probeLine.path("parameters"), new TypeReference<>() {});
        EdgeProbe probe = EdgeProbe.fromParameters(parameters);
        List<Double> rates = new ArrayList<>();
        List<StepVerdict> verdicts = new ArrayList<>();
        boolean sameSteps = true;
        List<PhaseStats> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode step : probeLine.path("steps")) {
            String name = step.path("name").asText();
            double rate = step.path("rate").asDouble();
            for (RunRecords.Read r : reads) {
                JsonNode theirs = r.decided().get("probe") == null ? null : r.decided().get("probe").path("steps").path(i);
                sameSteps &= theirs != null && theirs.path("name").asText().equals(name) && Math.abs(theirs.path("rate").asDouble() - rate) < 1e-9;
            }
            List<Outcome> measured = phase(all, name);
            JsonNode counted = step.path("server");
            // The mock's own count, when it was read, is the truth the injectors judged the step by.
            double maxShare = ((Number) parameters.get("maxShare")).doubleValue();
            StepVerdict verdict = counted.isObject()
                    ? StepVerdict.ofServer(new EdgeProbe.ServerCount(counted.path("requests").asLong(), counted.path("throttled").asLong()), maxShare)
                    : StepVerdict.of(measured, 0, maxShare, probe.lateMillis());
            rates.add(rate);
            verdicts.add(verdict);
            steps.add(phases.stream().filter(p -> p.phase().equals(name)).findFirst()
                    .orElse(PhaseStats.of(name, measured, probe.measureSeconds())));
            i++;
        }
        JsonNode firstStep = probeLine.path("steps").path(0);
        if (firstStep.isObject()) {
            long measured = firstStep.path("measureFromMillis").asLong();
            List<String> late = new ArrayList<>();
            for (RunRecords.Read r : reads) {
                long firstSent = r.outcomes().stream().mapToLong(Outcome::sentAtMillis).min().orElse(Long.MAX_VALUE);
                if (firstSent > measured) {
                    late.add("injector " + r.injector());
                }
            }
            // A late injector leaves the first steps to the others: they offered less than the step's rate.
            checks.add(Check.of("every injector was sending before the first step was measured", late.isEmpty(),
                    late.isEmpty() ? "all " + reads.size() : String.join(", ", late) + " started late: start them earlier or set load.startAt later"));
        }
        checks.add(Check.of("every injector ran the same steps at the same rates", sameSteps,
                sameSteps ? rates.size() + " steps" : "the injectors' steps differ: their verdicts diverged, the merge follows injector "
                        + reads.get(0).injector() + "'s"));
        probe.replay(rates, verdicts);
        ProbeFindings.describe(probe.edge(steps), steps, null, checks, result);
    }

    private static List<Outcome> phase(List<Outcome> all, String name) {
        return all.stream().filter(o -> o.phase().equals(name)).toList();
    }

    /** The mock's per-second counts as the injectors read them at their ends: the latest (largest) read of each second. */
    private static List<JsonNode> serverSeconds(List<RunRecords.Read> reads) {
        TreeMap<Long, JsonNode> bySecond = new TreeMap<>();
        for (RunRecords.Read r : reads) {
            JsonNode seconds = r.decided().get("server");
            if (seconds == null) {
                continue;
            }
            for (JsonNode s : seconds) {
                bySecond.merge(s.path("second").asLong(), s, (a, b) -> a.path("requests").asLong() >= b.path("requests").asLong() ? a : b);
            }
        }
        return new ArrayList<>(bySecond.values());
    }

    private static double number(JsonNode n, double absent) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return absent;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText().replace(",", "").split(" ")[0]);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /**
     * The injectors' count of requests and 429s beside the mock's own, over the seconds the mock counted.
     * They agree when the 429s differ by at most 1% of the requests (a request sent in the last instant of a
     * second may be counted in the next by the mock's clock).
     */
    record Truth(long recordedRequests, long recordedThrottled, long serverRequests, long serverThrottled, boolean known) {
        static Truth of(List<Outcome> all, List<JsonNode> server) {
            long requests = all.size();
            long throttled = all.stream().filter(Outcome::throttled).count();
            long sr = 0;
            long st = 0;
            for (JsonNode s : server) {
                sr += s.path("requests").asLong();
                st += s.path("throttled").asLong();
            }
            return new Truth(requests, throttled, sr, st, !server.isEmpty());
        }

        boolean agree() {
            return !known || Math.abs(recordedThrottled - serverThrottled) <= Math.max(2, 0.01 * serverRequests);
        }

        String describe() {
            if (!known) {
                return String.format(Locale.ROOT, "%,d requests, %,d 429s as the injectors saw them (no server-side count: not a mock)",
                        recordedRequests, recordedThrottled);
            }
            return String.format(Locale.ROOT, "injectors: %,d requests, %,d 429s; the mock: %,d requests, %,d 429s%s",
                    recordedRequests, recordedThrottled, serverRequests, serverThrottled,
                    agree() ? "" : " (they disagree: the mock's count is the truth)");
        }
    }
}
