package dev.mantlemock.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * differences: no header value, no body, so no credential and no prompt.
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

    public DriftLog(Path file, String upstream, Clock clock) {
        this.file = file;
        this.upstream = upstream;
        this.clock = clock;
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
                .put("endpoint", endpoint).put("model", model);
        ArrayNode list = line.putArray("differences");
        for (Drift.Difference d : differences) {
            byAspect.merge(d.aspect(), 1L, Long::sum);
            list.add(d.json());
        }
        recent.addLast(line);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        try {
            Files.writeString(file, Json.compact(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not append to the drift log {}: {}", file, e.toString());
        }
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
        return new DriftLog(null, null, clock);
    }
}
