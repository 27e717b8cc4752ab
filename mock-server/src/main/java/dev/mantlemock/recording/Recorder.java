package dev.mantlemock.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.Json;
import dev.mantlemock.fixtures.CanonicalBody;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.upstream.Capture;
import dev.mantlemock.wire.StreamingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one exchange with the upstream into a fixture file in the ordinary format: one file per request,
 * named after the model and a hash of the body as matched, so the same request recorded again replaces
 * its file. Only the request body and the answer are written: never a header, so never a credential.
 */
public final class Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final Set<String> BLOCK_TYPES = Set.of("text", "tool_use", "thinking", "redacted_thinking");

    private final Path dir;
    private final List<String> ignore;
    private final String from;
    private final Clock clock;
    private final Function<Fixture, Optional<String>> answerRules;
    private final LatencySamples latency;

    public Recorder(Path dir, List<String> ignore, String from, Clock clock) {
        this(dir, ignore, from, clock, f -> Optional.empty());
    }

    /** @param answerRules the rule a recording's answer breaks for its own recorded request, if any (the fixture check's) */
    public Recorder(Path dir, List<String> ignore, String from, Clock clock, Function<Fixture, Optional<String>> answerRules) {
        this.dir = dir;
        this.ignore = List.copyOf(ignore);
        this.from = from;
        this.clock = clock;
        this.answerRules = answerRules;
        this.latency = new LatencySamples(dir, from);
    }

    /** Writes the recording, or says in the log why it did not (an answer broken off, count_tokens, ...). */
    public Optional<Path> write(Endpoint endpoint, HttpRequestView request, Capture capture) {
        String skip = capture.whyNotWhole();
        skip = RecordingCheck.ofAnswer(endpoint, capture).orElse(skip); // the more precise reason
        JsonNode body = skip == null ? parse(request.body()) : null;
        if (skip == null && body == null) {
            skip = "the request body is not JSON";
        }
        ObjectNode fixture = skip == null ? fixture(endpoint, body, capture) : null;
        if (skip == null && fixture == null) {
            skip = "the answer has content the fixture format cannot hold";
        }
        if (skip == null) {
            skip = RecordingCheck.ofFixture(fixture, answerRules).orElse(null);
        }
        if (skip != null) {
            LOG.info("not recorded: {} {}: {}", request.method(), endpoint.path(), skip);
            return Optional.empty();
        }
        Path file = dir.resolve(fixture.get("name").asText() + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".recording", ".tmp");
            Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(fixture));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not write the recording {}: {}", file, e.toString());
            return Optional.empty();
        }
        LOG.info("recorded {} {} ({}) to {}", request.method(), endpoint.path(), capture.status(), file);
        sampleLatency(fixture, capture);
        return Optional.of(file);
    }

    /** A streamed answer's timing, for fitting the latency model to the upstream (latency-fitted.yaml). */
    private void sampleLatency(ObjectNode fixture, Capture capture) {
        JsonNode usage = fixture.path("response").path("usage");
        if (!capture.streamed() || capture.status() != 200 || !usage.isObject()) {
            return;
        }
        Timing t = Timing.of(capture);
        long prefill = usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong();
        try {
            latency.add(fixture.path("match").path("body").path("model").asText("unknown"), prefill,
                    usage.path("output_tokens").asLong(), t.firstContentMillis(), t.tokensPerSecond());
        } catch (IOException e) {
            LOG.warn("could not write the latency sample in {}: {}", dir, e.toString());
        }
    }

    private ObjectNode fixture(Endpoint endpoint, JsonNode body, Capture capture) {
        String hash = CanonicalBody.hash(CanonicalBody.without(body, ignore));
        boolean counting = endpoint == Endpoint.COUNT_TOKENS;
        String model = body.path("model").asText("model").replaceAll("[^A-Za-z0-9.-]", "_");
        ObjectNode f = Json.object().put("name", "recorded-" + (counting ? "count-tokens-" : "") + model + "-" + hash);
        f.put("description", "Recorded from " + from + " at " + clock.instant() + (capture.streamed() ? " (streamed)" : ""));
        ObjectNode match = f.putObject("match");
        if (counting) {
            match.put("endpoint", "count_tokens");
        }
        match.set("body", body);
        ArrayNode ignored = match.putArray("ignore");
        ignore.forEach(ignored::add);
        if (capture.status() >= 400) {
            if (!error(f, capture)) {
                return null;
            }
        } else if (counting) {
            JsonNode json = capture.json();
            if (json == null || !json.path("input_tokens").canConvertToInt()) {
                return null;
            }
            f.putObject("response").put("input_tokens", json.path("input_tokens").asInt());
        } else if (!response(f, capture.message())) {
            return null;
        }
        if (capture.streamed()) {
            Timing.of(capture).write(f);
        }
        f.set("recorded", Json.object().put("status", capture.status()).put("streamed", capture.streamed()));
        if (capture.streamed()) {
            Timing.of(capture).note((ObjectNode) f.get("recorded"));
        }
        return f;
    }

    private static boolean response(ObjectNode f, ObjectNode message) {
        if (message == null) {
            return false;
        }
        ObjectNode r = f.putObject("response");
        ArrayNode content = r.putArray("content");
        for (JsonNode block : message.path("content")) {
            if (!BLOCK_TYPES.contains(block.path("type").asText())) {
                return false;
            }
            // A null field (citations: null) is the wire shape's, which the mock writes itself; as a
            // value in a fixture it would read as "citations given".
            ObjectNode copy = block.deepCopy();
            copy.properties().removeIf(field -> field.getValue().isNull());
            content.add(copy);
        }
        r.put("stop_reason", message.path("stop_reason").asText("end_turn"));
        r.set("stop_sequence", message.path("stop_sequence").isTextual() ? message.get("stop_sequence") : Json.NODES.nullNode());
        if (message.get("stop_details") instanceof ObjectNode details && message.path("stop_reason").asText().equals("refusal")) {
            r.set("stop_details", details);
        }
        if (message.get("usage") instanceof ObjectNode usage) {
            r.set("usage", usage);
        }
        return true;
    }

    private static boolean error(ObjectNode f, Capture capture) {
        JsonNode json = capture.json();
        String type = json == null ? null : json.path("error").path("type").asText(null);
        try {
            ErrorType.fromWireName(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false; // not an Anthropic error envelope: the fixture format has no place for it
        }
        ObjectNode e = f.putObject("error").put("status", capture.status()).put("type", type)
                .put("message", json.path("error").path("message").asText(""));
        ObjectNode headers = e.putObject("headers");
        String retryAfter = capture.headers().get("retry-after");
        if (retryAfter != null) {
            headers.put("retry-after", retryAfter);
        }
        return true;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The stream's captured pace: time to the first event and to the first content, gaps, output speed. */
    private record Timing(long firstEventMillis, long firstContentMillis, double tokensPerSecond, List<Long> gapsMillis) {
        static Timing of(Capture capture) {
            List<Capture.TimedFrame> frames = capture.frames();
            long first = frames.isEmpty() ? 0 : frames.get(0).atNanos();
            List<Capture.TimedFrame> deltas = frames.stream().filter(fr -> fr.name().equals("content_block_delta")).toList();
            long firstContent = deltas.isEmpty() ? first : deltas.get(0).atNanos();
            long lastContent = deltas.isEmpty() ? first : deltas.get(deltas.size() - 1).atNanos();
            ObjectNode message = capture.message();
            int tokens = message == null ? 0 : message.path("usage").path("output_tokens").asInt(0);
            double seconds = (lastContent - firstContent) / 1e9;
            double tps = tokens > 1 && seconds > 0.001 ? Math.min(100_000, Math.max(0.01, tokens / seconds)) : 0;
            List<Long> gaps = new java.util.ArrayList<>();
            for (int i = 1; i < frames.size(); i++) {
                gaps.add(millis(frames.get(i).atNanos() - frames.get(i - 1).atNanos()));
            }
            return new Timing(millis(first), Math.min(600_000, millis(firstContent)), Math.round(tps * 100) / 100.0, gaps);
        }

        private static long millis(long nanos) {
            return Math.round(nanos / 1e6);
        }

        /** As the fixture's {@code timing}: what replay paces by. */
        void write(ObjectNode f) {
            f.putObject("timing").put("preset", StreamingSettings.RECORDED)
                    .put("time-to-first-token-ms", firstContentMillis).put("tokens-per-second", tokensPerSecond);
        }

        /** As the raw capture, for the reviewer. */
        void note(ObjectNode recorded) {
            recorded.put("first-event-ms", firstEventMillis).put("first-content-ms", firstContentMillis);
            ArrayNode gaps = recorded.putArray("gaps-ms");
            gapsMillis.forEach(gaps::add);
        }
    }
}
