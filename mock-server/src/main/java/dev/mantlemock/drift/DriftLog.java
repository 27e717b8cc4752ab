package dev.mantlemock.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ClientText;
import dev.mantlemock.domain.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every difference compare mode finds: appended to a JSON-lines file, one line per request that drifted,
 * and summed up for {@code GET /_mock/drift}. Lines hold the request id, endpoint, model and the
 * differences: no header value, no body, so no credential and no prompt. Bounded: every string from the
 * client or the upstream is cut ({@link ClientText}), and the file is rotated past its size.
 */
public final class DriftLog {
    private static final Logger LOG = LoggerFactory.getLogger(DriftLog.class);
    private static final int RECENT = 20;

    private final Path file;
    private final String upstream;
    private final Clock clock;
    private long compared;
    private long drifted;
    private final Map<String, Long> byAspect = new LinkedHashMap<>();
    private final Deque<ObjectNode> recent = new ArrayDeque<>();
    private final long maxBytes;
    private final int keep;

    public DriftLog(Path file, String upstream, Clock clock, long maxBytes, int keep) {
        this.file = file;
        this.upstream = upstream;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Drift.ASPECTS.forEach(a -> byAspect.put(a, 0L));
    }

    /** Notes one compared request; writes a line when the two answers differ. */
    public synchronized void note(String requestId, String endpoint, String model, List<Drift.Difference> differences) {
        compared++;
        if (differences.isEmpty()) {
            return;
        }
        drifted++;
        ObjectNode line = Json.object().put("time", clock.instant().toString()).put("request_id", requestId)
                .put("endpoint", endpoint).put("model", ClientText.cut(model));
        ArrayNode list = line.putArray("differences");
        for (Drift.Difference d : differences) {
            byAspect.merge(d.aspect(), 1L, Long::sum);
            list.add(bounded(d.json()));
        }
        recent.addLast(line);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        try {
            byte[] bytes = (Json.compact(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (Files.exists(file) && Files.size(file) + bytes.length > maxBytes) {
                rotate();
            }
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not append to the drift log {}: {}", file, e.toString());
        }
    }

    /** {@code log} to {@code log.1}, {@code log.1} to {@code log.2}, ...; the oldest beyond {@code keep} goes. */
    private void rotate() throws IOException {
        if (keep == 0) {
            Files.delete(file);
            return;
        }
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    /** A difference with each side's value cut: an upstream may send a stop reason, a list or a header of any length. */
    private static ObjectNode bounded(ObjectNode difference) {
        for (String side : List.of("mock", "upstream")) {
            com.fasterxml.jackson.databind.JsonNode v = difference.get(side);
            if (v != null && !v.isNull() && v.toString().length() > ClientText.MAX) {
                difference.put(side, ClientText.cut(v.isTextual() ? v.asText() : v.toString()));
            }
        }
        return difference;
    }

    /** What {@code GET /_mock/drift} answers. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comparing", upstream != null);
        out.put("upstream", upstream);
        out.put("drift_log", file == null ? null : file.toString());
        out.put("compared", compared);
        out.put("drifted", drifted);
        out.put("by_aspect", new LinkedHashMap<>(byAspect));
        out.put("recent", List.copyOf(recent));
        return out;
    }

    /** The summary of a mock that does not compare: nothing to say, said plainly. */
    public static DriftLog off(Clock clock) {
        return new DriftLog(null, null, clock, Long.MAX_VALUE, 0);
    }
}
