package dev.mantlemock.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.admin.JournalEntry;
import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.fixtures.FixtureMatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the mock received, from its journal: what came in (secrets redacted), the parsed body,
 * and how it was answered (status, error type, tokens).
 */
public final class RecordedRequest {
    private final JournalEntry entry;
    private final JsonNode body;

    RecordedRequest(JournalEntry entry) {
        this.entry = entry;
        this.body = parse(entry);
    }

    private static JsonNode parse(JournalEntry e) {
        if (e.bodyTruncated() || e.body().isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(e.body());
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }

    /** The journal entry as the admin API shows it. */
    public JournalEntry entry() { return entry; }

    public String requestId() { return entry.requestId(); }

    public String path() { return entry.path(); }

    /** The HTTP status answered; 0 while {@link #isPending()}. */
    public int status() { return entry.status(); }

    /** Still being answered when the journal was read (a slow stream, a queued request): status and tokens are not known yet. */
    public boolean isPending() { return entry.pending(); }

    /** The error type answered (e.g. {@code overloaded_error}), or null on success. */
    public String errorType() { return entry.errorType(); }

    public String model() { return body.path("model").asText(entry.model() == null ? "" : entry.model()); }

    public long inputTokens() { return entry.inputTokens(); }

    public long outputTokens() { return entry.outputTokens(); }

    /** What the mock changed in a stub's or fixture's answer to obey the request ({@code x-mock-adapted}), if anything. */
    public Optional<String> adapted() { return Optional.ofNullable(entry.adapted()); }

    /** The body as sent, or a missing node if it was not JSON. */
    public JsonNode body() { return body; }

    /** The Messages request, if the body was a JSON object. */
    public Optional<MessageRequest> request() {
        return body instanceof ObjectNode o ? Optional.of(new MessageRequest(o)) : Optional.empty();
    }

    public boolean isMessages() {
        return entry.path().startsWith("/anthropic/v1/messages") && !entry.path().startsWith("/anthropic/v1/messages/count_tokens");
    }

    public boolean isStream() { return body.path("stream").asBoolean(false); }

    /** The first value of a request header (case-insensitive), as the journal keeps it: secrets redacted. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : entry.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return Optional.of(h.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** When the request entered the mock. */
    public Instant receivedAt() { return Instant.parse(entry.time()); }

    /** When the last byte of its answer was written (receipt plus latency); the receipt while pending. */
    public Instant completedAt() { return entry.completedAt(); }

    /** The stub (or fixture) that answered, if one did: its id. */
    public Optional<String> answeredBy() { return Optional.ofNullable(entry.fixture()); }

    /** The fault rule that failed it, if one did: its id (a failure stub's). */
    public Optional<String> failedBy() { return Optional.ofNullable(entry.faultRule()); }

    /** How a stream was cut short by a fault ({@code drop_connection}, {@code error_event}, {@code truncate}), if it was. */
    public Optional<String> streamCut() { return Optional.ofNullable(entry.streamCut()); }

    /** An answer header a client decides retries by ({@code retry-after}, {@code x-should-retry}) or an {@code x-mock-*} one. */
    public Optional<String> answerHeader(String name) {
        return Optional.ofNullable(entry.answerHeaders().get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Whether a stub or fixture answered it, or a fault rule failed it: what {@code strict()} asks. */
    boolean matchedAStub() {
        return entry.fixture() != null || entry.faultRule() != null;
    }

    /**
     * The request as a failure message shows it: model, system, tools offered, tool results with the tool
     * each answers, the last message, and how it was answered.
     */
    String describe() {
        StringBuilder out = new StringBuilder(toString());
        JsonNode system = body.path("system");
        if (!system.isMissingNode()) {
            out.append("\n      system: ").append(abbreviate(system.isTextual() ? system.asText() : blockTexts(system)));
        }
        List<String> tools = new java.util.ArrayList<>();
        body.path("tools").forEach(t -> tools.add(t.path("name").asText()));
        out.append("\n      tools offered: ").append(tools.isEmpty() ? "none" : String.join(", ", tools));
        List<String> answers = FixtureMatch.toolResultsAnswering(body.path("messages"));
        if (!answers.isEmpty()) {
            out.append("\n      tool results for: ").append(String.join(", ", answers));
        }
        out.append("\n      answered by: ").append(answeredBy().map(id -> "stub " + id)
                .or(() -> failedBy().map(id -> "fault rule " + id)).orElse("no stub (the generator, or refused before answering)"));
        return out.toString();
    }

    private static String blockTexts(JsonNode blocks) {
        StringBuilder out = new StringBuilder();
        blocks.forEach(b -> out.append(b.path("text").asText()).append(' '));
        return out.toString();
    }

    private static String abbreviate(String text) {
        String t = text.strip().replace('\n', ' ');
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

    /** The text of the last message, tool results included, for failure messages. */
    public String lastMessageText() {
        JsonNode messages = body.path("messages");
        if (messages.size() == 0) {
            return "";
        }
        JsonNode content = messages.get(messages.size() - 1).path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            out.append(block.path("type").asText()).append(':').append(block.path("text").asText(block.path("content").toString())).append(' ');
        }
        return out.toString().trim();
    }

    @Override
    public String toString() {
        String last = lastMessageText();
        return entry.method() + " " + entry.path() + " -> " + (entry.pending() ? "(still being answered)" : entry.status()) + " (model " + model() + ", last message: "
                + (last.length() > 80 ? last.substring(0, 80) + "…" : last) + ")";
    }
}
