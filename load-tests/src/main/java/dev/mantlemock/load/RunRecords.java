package dev.mantlemock.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One injector's per-request records, one JSON object a line ({@code <Simulation>-injector-<i>.jsonl}), what
 * the merge builds one summary from: Gatling OSS no longer merges several injectors' logs (gatling#4591).
 * Lines: {@code run} (who wrote it), one {@code request} per request (start, first byte, end, status,
 * tokens), then what the run decided: {@code probe} (the steps as run), {@code server} (the mock's own
 * per-second counts) and {@code summary} (this injector's own summary).
 */
public final class RunRecords implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int injector;
    private final BufferedWriter out;

    private RunRecords(Path file, int injector, BufferedWriter out) {
        this.file = file;
        this.injector = injector;
        this.out = out;
    }

    /** Opens {@code dir/<simulation>-injector-<i>.jsonl} afresh and writes its {@code run} line. */
    public static RunRecords open(Path dir, String simulation, int injector, int injectors, String startAt, String target) {
        Path file = dir.resolve(simulation + "-injector-" + injector + ".jsonl");
        try {
            Files.createDirectories(dir);
            RunRecords r = new RunRecords(file, injector, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            ObjectNode run = JSON.createObjectNode().put("type", "run").put("simulation", simulation).put("injector", injector)
                    .put("injectors", injectors).put("target", target);
            run.put("startAt", startAt);
            r.line(run);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the records " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** One request's record. */
    public void request(Outcome o) {
        ObjectNode n = JSON.createObjectNode().put("type", "request").put("injector", injector).put("phase", o.phase())
                .put("start", o.sentAtMillis());
        if (o.ttftMillis() >= 0) {
            n.put("firstByte", o.sentAtMillis() + o.ttftMillis());
        } else {
            n.putNull("firstByte");
        }
        n.put("end", o.sentAtMillis() + o.latencyMillis()).put("status", o.status()).put("inputTokens", o.inputTokens())
                .put("outputTokens", o.outputTokens()).put("maxTokens", o.maxTokens());
        line(n);
    }

    /** A line of what the run decided ({@code probe}, {@code server}, {@code summary}): {@code value} under {@code type}. */
    public void decided(String type, Object value) {
        ObjectNode n = JSON.createObjectNode().put("type", type);
        n.set(type, JSON.valueToTree(value));
        line(n);
    }

    private synchronized void line(JsonNode n) {
        try {
            out.write(JSON.writeValueAsString(n));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the records " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the records " + file, e);
        }
    }

    /** What one injector's file holds. */
    public record Read(Path file, JsonNode run, List<Outcome> outcomes, Map<String, JsonNode> decided) {
        public int injector() {
            return run.path("injector").asInt();
        }

        public String simulation() {
            return run.path("simulation").asText();
        }
    }

    /** Reads one injector's records back. */
    public static Read read(Path file) {
        JsonNode run = null;
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, JsonNode> decided = new java.util.LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                String type = n.path("type").asText();
                switch (type) {
                    case "run" -> run = n;
                    case "request" -> outcomes.add(outcome(n));
                    default -> decided.put(type, n.get(type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the records " + file + ": " + e.getMessage(), e);
        }
        if (run == null) {
            throw new IllegalArgumentException(file + " is not an injector's records: it has no 'run' line");
        }
        return new Read(file, run, outcomes, decided);
    }

    static Outcome outcome(JsonNode n) {
        long start = n.path("start").asLong();
        JsonNode first = n.path("firstByte");
        return new Outcome(n.path("phase").asText(), start, n.path("status").asInt(), n.path("inputTokens").asLong(),
                n.path("outputTokens").asLong(), n.path("maxTokens").asLong(), n.path("end").asLong() - start,
                first.isNumber() ? first.asLong() - start : -1);
    }
}
