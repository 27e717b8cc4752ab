package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three injector JVMs on 127.0.0.1, one mock: each offers a third of every probe step from a shared start,
 * all judge each step on the mock's own per-second counts, and the merge of their records finds the edge
 * one injector finds (on the virtual clock of {@link EdgeFindingTest}, same shape and window), within the
 * uncertainty both state. Bounded: a 42 s step budget, each JVM killed if it outlives its time.
 */
class DistributedProbeIT {
    static final int INJECTORS = 3;
    static final long QUOTA = 2_000_000;
    static final long OUTPUT_QUOTA = 500_000;
    static final String MODEL = "anthropic.claude-haiku-4-5";

    @Test
    void threeInjectorsMergedFindTheEdgeOneInjectorFinds() throws Exception {
        RequestShape wanted = new RequestShape(1000, 200, 200, 0.2);
        double window = new QuotaPlan(QUOTA, wanted.withExpectedOutputTokens(72)).shortestAccurateWindowSeconds();
        Path dir = Path.of(System.getProperty("load.summaryDir", "target/load-summary"), "distributed");
        Path records = dir.resolve("records");
        deleteTree(records);
        Files.createDirectories(records);
        try (MockProcess mock = MockProcess.start(Path.of(System.getProperty("load.mockJar", "../mock-server/target/mock-server.jar")), List.of(
                "--input-tpm", Long.toString(QUOTA), "--output-tpm", Long.toString(OUTPUT_QUOTA),
                "--quota-window", String.format(Locale.ROOT, "%s", window), "--journal-size", "0"))) {
            // What every injector must plan with alike: the prompt's calibrated size and the answers' length, measured once.
            java.util.Properties p = new java.util.Properties();
            p.setProperty("load.target", mock.baseUrl());
            p.setProperty("load.mockAdmin", mock.adminUrl());
            LoadSettings settings = new LoadSettings(p);
            long outputTokens;
            try (Target target = Target.open(settings, "fast")) {
                Calibration.Prompt prompt = Calibration.against(target, MODEL, wanted.inputTokens());
                outputTokens = Calibration.meanOutput(target, Prompts.message(MODEL, Prompts.prose(prompt.chars()), wanted.maxTokens(), false), 3);
            }
            assertThat(outputTokens).isPositive();

            // The start is given once all three are ready (calibrated, simulation built): a signal file, as on a shared mount.
            Path start = dir.resolve("start-at");
            Files.deleteIfExists(start);
            List<Process> injectors = new ArrayList<>();
            for (int i = 0; i < INJECTORS; i++) {
                injectors.add(injector(i, "file:" + start, mock, window, outputTokens, dir));
            }
            long readyBy = System.currentTimeMillis() + 120_000;
            while (!allReady(dir) && System.currentTimeMillis() < readyBy && injectors.stream().allMatch(Process::isAlive)) {
                Thread.sleep(100);
            }
            Files.writeString(start, Long.toString(System.currentTimeMillis() + 1_000));
            for (int i = 0; i < INJECTORS; i++) {
                Process injector = injectors.get(i);
                boolean ended = injector.waitFor(150, TimeUnit.SECONDS);
                if (!ended) {
                    injectors.forEach(Process::destroyForcibly);
                }
                assertThat(ended).as("injector %d ended by itself (its log: %s)", i, dir.resolve("injector-" + i + ".log")).isTrue();
            }
        }

        RunSummary merged = MergeRuns.merge(MergeRuns.files(List.of(records)));
        RunReport.write(merged, dir.resolve("QuotaProbe-merged.html"));
        merged.writeJson(dir.resolve("QuotaProbe-merged.json"));
        String table = merged.toTable();
        assertThat(GatlingRun.check(merged, "every injector's records are here").held()).as(table).isTrue();
        assertThat(GatlingRun.check(merged, "every injector ran the same steps").held()).as(table).isTrue();
        assertThat(GatlingRun.check(merged, "every injector was sending before the first step").held()).as(table).isTrue();
        assertThat(GatlingRun.check(merged, "the injectors' 429s agree with the mock's own count").held()).as(table).isTrue();
        assertThat(GatlingRun.check(merged, "a step was sustained").held()).as(table).isTrue();

        @SuppressWarnings("unchecked")
        Map<String, Object> edge = (Map<String, Object>) merged.result().get("edge");
        assertThat((String) edge.get("reason")).as(table).startsWith("429s");
        double sustained = ((Number) edge.get("sustainedQuotaTpm")).doubleValue();
        double uncertainty = ((Number) edge.get("uncertaintyTpm")).doubleValue();
        EdgeFindingTest.Found one = EdgeFindingTest.probe(1000, 200, 0.2, window, 5, 5, 0);
        // The model's one injector sends evenly spaced; three real ones send on three schedules, each a Gatling tick
        // late now and then, so a window may hold one request more per extra injector than even spacing puts in it,
        // and each such request moves the edge found by one settled request per window (twice the granularity).
        // CI's runs (warm) were 58k below the model: two such requests; cold, before the warm-up, 97k.
        double interleave = (INJECTORS - 1) * 2 * one.edge().granularityTpm();
        assertThat(Math.abs(sustained - one.edge().sustainedQuotaTpm()))
                .as("merged %,.0f +- %,.0f vs one injector %,.0f +- %,.0f, interleave %,.0f%n%s", sustained, uncertainty,
                        one.edge().sustainedQuotaTpm(), one.edge().uncertaintyTpm(), interleave, table)
                .isLessThanOrEqualTo(uncertainty + one.edge().uncertaintyTpm() + interleave);
        double implied = ((Number) edge.get("impliedQuotaTpm")).doubleValue();
        assertThat(implied / QUOTA - 1).as(table).isBetween(-0.05, 0.05);

        // Each injector offered its third, and the merged report draws the run second by second.
        Map<Integer, Long> perInjector = new LinkedHashMap<>();
        for (Path f : MergeRuns.files(List.of(records))) {
            RunRecords.Read r = RunRecords.read(f);
            perInjector.put(r.injector(), (long) r.outcomes().size());
        }
        long total = perInjector.values().stream().mapToLong(Long::longValue).sum();
        assertThat(perInjector.values()).as("%s", perInjector).allSatisfy(n -> assertThat(n / (double) total).isBetween(0.2, 0.47));
        assertThat(merged.timeline()).isNotEmpty();
        assertThat(merged.timeline()).anySatisfy(s -> assertThat(s.ttftP50Ms()).isPositive());
        assertThat(Files.readString(dir.resolve("QuotaProbe-merged.html"))).contains("data-series=\"offeredTpm\"", "data-series=\"serverThrottled\"");
    }

    private static boolean allReady(Path dir) throws IOException {
        for (int i = 0; i < INJECTORS; i++) {
            Path log = dir.resolve("injector-" + i + ".log");
            if (!Files.exists(log) || !Files.readString(log).contains("ready, waiting for the start time")) {
                return false;
            }
        }
        return true;
    }

    private static Process injector(int index, String startAt, MockProcess mock, double window, long outputTokens, Path dir) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("load.target", mock.baseUrl());
        props.put("load.mockAdmin", mock.adminUrl());
        props.put("load.injectors", Integer.toString(INJECTORS));
        props.put("load.injectorIndex", Integer.toString(index));
        props.put("load.startAt", startAt);
        props.put("load.recordsDir", dir.resolve("records").toString());
        props.put("load.summaryDir", dir.resolve("injector-" + index).toString());
        props.put("load.quotaTpm", Long.toString(QUOTA));
        props.put("load.outputQuotaTpm", Long.toString(OUTPUT_QUOTA));
        props.put("load.window", String.format(Locale.ROOT, "%s", window));
        props.put("load.inputTokens", "1000");
        props.put("load.maxTokens", "200");
        props.put("load.outputTokens", Long.toString(outputTokens));
        props.put("load.latencySeconds", "0.05");
        props.put("load.probeBudgetSeconds", "42");
        props.put("load.maxRequests", "10000");
        props.put("load.requestTimeoutSeconds", "20");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "--simulation", "dev.mantlemock.load.sim.QuotaProbe",
                "--results-folder", dir.resolve("gatling-" + index).toString(), "--no-reports"));
        File log = dir.resolve("injector-" + index + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
