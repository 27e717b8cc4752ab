package dev.mantlemock.kit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Json;
import dev.mantlemock.fixtures.Fixture;
import dev.mantlemock.wire.StreamingSettings;
import java.util.Map;

/**
 * What a stub answers: content blocks (text, tool_use, thinking) with a stop reason, or an error in the
 * Anthropic envelope; optionally paced when streamed. Becomes the {@code response} / {@code error} /
 * {@code timing} of a fixture, so it is checked and served exactly as a fixture file's would be.
 */
public final class Reply {
    private final ArrayNode content = Json.NODES.arrayNode();
    private String stopReason;
    private Integer outputTokens;
    private Fixture.Error error;
    private StreamingSettings timing;

    Reply() {}

    static Reply failing(int status, String type, String message) {
        Reply r = new Reply();
        r.error = new Fixture.Error();
        r.error.status = status;
        r.error.type = type;
        r.error.message = message;
        return r;
    }

    /** Adds a text block. */
    public Reply text(String text) {
        content.addObject().put("type", "text").put("text", text);
        return this;
    }

    /** Adds a tool call; the stop reason becomes {@code tool_use} unless set. */
    public Reply toolUse(String name, Map<String, ?> input) {
        ObjectNode block = content.addObject().put("type", "tool_use").put("name", name);
        block.set("input", Json.MAPPER.valueToTree(input));
        return this;
    }

    /** Adds a thinking block, signed at answer time as the mock signs its own. */
    public Reply thinking(String thinking) {
        content.addObject().put("type", "thinking").put("thinking", thinking);
        return this;
    }

    /** {@code end_turn} (default), {@code tool_use} (default with a tool call), {@code max_tokens}, ... */
    public Reply stopReason(String reason) {
        this.stopReason = reason;
        return this;
    }

    /** The {@code usage.output_tokens} to report; estimated from the content when not given. */
    public Reply outputTokens(int tokens) {
        this.outputTokens = tokens;
        return this;
    }

    /** A response header sent with an error reply, e.g. {@code retry-after}. */
    public Reply withHeader(String name, String value) {
        requireError("withHeader");
        error.headers.put(name, value);
        return this;
    }

    /** When streamed: the delay before the first token and the output speed. */
    public Reply streamed(long timeToFirstTokenMillis, double tokensPerSecond) {
        timing = new StreamingSettings();
        timing.timeToFirstTokenMillis = timeToFirstTokenMillis;
        timing.tokensPerSecond = tokensPerSecond;
        return this;
    }

    /** When streamed: Bedrock-like pacing (the {@code realistic} preset). */
    public Reply streamedRealistically() {
        timing = new StreamingSettings();
        timing.preset = "realistic";
        return this;
    }

    /** Its content blocks (empty for an error reply). */
    ArrayNode content() {
        return content;
    }

    /** The fixture this reply makes, answering what {@code match} matches. */
    Fixture toFixture(String name, RequestPattern pattern) {
        Fixture f = new Fixture();
        f.name = name;
        f.description = pattern.toString();
        f.match = pattern.fixtureMatch();
        f.timing = timing;
        if (error != null) {
            f.error = error;
            return f;
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a reply needs content: text(...), toolUse(...) or thinking(...)");
        }
        f.response = new Fixture.Response();
        f.response.content = content.deepCopy();
        f.response.stopReason = stopReason != null ? stopReason : hasToolUse() ? "tool_use" : "end_turn";
        if (outputTokens != null) {
            f.response.usage = Json.object().put("output_tokens", outputTokens);
        }
        return f;
    }

    private boolean hasToolUse() {
        for (var block : content) {
            if (block.path("type").asText().equals("tool_use")) {
                return true;
            }
        }
        return false;
    }

    private void requireError(String what) {
        if (error == null) {
            throw new IllegalStateException(what + " applies to an error reply (error(...), overloadedError(), ...)");
        }
    }
}
