package dev.mantlemock.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.Json;
import dev.mantlemock.latency.LatencyProfile;
import dev.mantlemock.latency.LatencyTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What record mode measures for the latency model: each streamed answer's time to first token, the input
 * the upstream prefilled and its output speed, one JSON line each in {@code latency-samples.jsonl}, and
 * after each one the model fitted to them per model id in {@code latency-fitted.yaml}, the form of
 * {@code bedrock/latency.yaml}: {@code --latency-table} loads it. Overhead and prefill are a least-squares
 * line through (input tokens, TTFT); the output speed is the median. The load slowdown is not fitted (it
 * needs answers under load): the built-in values stay, and the file says so.
 */
final class LatencySamples {
    static final String SAMPLES = "latency-samples.jsonl";
    static final String FITTED = "latency-fitted.yaml";

    private final Path dir;
    private final String from;

    LatencySamples(Path dir, String from) {
        this.dir = dir;
        this.from = from;
    }

    /** One streamed answer; rewrites the fitted table. Cache reads are not prefill and are left out by the caller. */
    synchronized void add(String model, long prefillTokens, long outputTokens, long ttftMillis, double tokensPerSecond) throws IOException {
        Files.createDirectories(dir);
        String line = Json.MAPPER.writeValueAsString(Map.of("model", model, "prefillTokens", prefillTokens,
                "outputTokens", outputTokens, "ttftMs", ttftMillis, "tokensPerSecond", tokensPerSecond)) + "\n";
        Files.writeString(dir.resolve(SAMPLES), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // Whole or not at all: a mock loading the table while a recording is written never reads half of it.
        Path tmp = Files.createTempFile(dir, ".latency", ".tmp");
        Files.writeString(tmp, fitted(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FITTED), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private String fitted() throws IOException {
        Map<String, List<JsonNode>> byModel = new TreeMap<>();
        for (String l : Files.readAllLines(dir.resolve(SAMPLES), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                JsonNode n = Json.MAPPER.readTree(l);
                byModel.computeIfAbsent(n.path("model").asText(), k -> new ArrayList<>()).add(n);
            }
        }
        LatencyProfile base = LatencyTable.builtIn().forModel("");
        StringBuilder out = new StringBuilder();
        out.append("# The latency model fitted by record mode to the streamed answers in ").append(SAMPLES).append(" (recorded from ")
                .append(from).append(").\n# Load it with --latency-table ").append(FITTED).append(" --latency-model on.\n")
                .append("# Fitted per model: overhead-ms and prefill-ms-per-1k-input-tokens (a least-squares line through input\n")
                .append("# tokens and time to first token), tokens-per-second (the median). Not fitted: capacity and\n")
                .append("# slowdown-at-capacity need answers under load; these are the built-in, inferred values.\n");
        out.append("defaults:\n");
        profile(out, "  ", base.overheadMillis(), base.prefillMillisPer1kInput(), base.tokensPerSecond(), base, base.source());
        out.append("families:\n");
        byModel.forEach((model, samples) -> {
            Fit f = Fit.of(samples);
            LatencyProfile built = LatencyTable.builtIn().forModel(model);
            out.append("  - match: ").append(model).append('\n');
            profile(out, "    ", f.overhead(), f.prefillPer1k(), f.tokensPerSecond() > 0 ? f.tokensPerSecond() : built.tokensPerSecond(), built,
                    String.format(Locale.ROOT, "fitted to %d streamed answers recorded from %s", samples.size(), from));
        });
        return out.toString();
    }

    private static void profile(StringBuilder out, String indent, double overhead, double prefill, double tps, LatencyProfile base, String source) {
        out.append(String.format(Locale.ROOT, "%soverhead-ms: %.1f%n%sprefill-ms-per-1k-input-tokens: %.2f%n%stokens-per-second: %.2f%n"
                        + "%scapacity: %d%n%sslowdown-at-capacity: %s%n%ssource: \"%s\"%n",
                indent, overhead, indent, prefill, indent, tps, indent, base.capacity(), indent, base.slowdownAtCapacity(), indent,
                source.replace("\"", "'")));
    }

    /** A line through (input tokens, TTFT), kept at or above zero, and the median output speed. */
    record Fit(double overhead, double prefillPer1k, double tokensPerSecond) {
        static Fit of(List<JsonNode> samples) {
            int n = samples.size();
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            List<Double> speeds = new ArrayList<>();
            for (JsonNode s : samples) {
                double x = s.path("prefillTokens").asDouble() / 1000;
                double y = s.path("ttftMs").asDouble();
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                if (s.path("tokensPerSecond").asDouble() > 0) {
                    speeds.add(s.path("tokensPerSecond").asDouble());
                }
            }
            double spread = n * sxx - sx * sx;
            double slope = n >= 2 && spread > 1e-9 ? Math.max(0, (n * sxy - sx * sy) / spread) : 0;
            double intercept = Math.max(0, (sy - slope * sx) / n);
            speeds.sort(Double::compare);
            double median = speeds.isEmpty() ? 0 : speeds.get(speeds.size() / 2);
            return new Fit(intercept, slope, median);
        }
    }
}
