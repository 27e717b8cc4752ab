package dev.mantlemock.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.InputTokens;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A stream's events, made one at a time as they are asked for. A paced stream lives for seconds and
 * thousands may be open at once: each holds its answer and this position in it (a few fields), not
 * its events, so an open stream costs little more than its connection.
 *
 * <p>The order: message_start; per block content_block_start (and, after the first, the customary
 * ping), citations, the text/thinking/partial-JSON deltas, the signature, content_block_stop; then
 * message_delta with cumulative usage and message_stop. With {@code pingEvery > 0}, a ping follows
 * every {@code pingEvery}-th event before the ending.
 */
final class EventCursor implements Iterator<SseEvent> {
    private enum Step { START, BLOCK_START, CITATIONS, BODY, SIGNATURE, BLOCK_STOP, ENDING, DONE }

    private final String messageId;
    private final String model;
    private final Answer answer;
    private final InputTokens input;
    private final int pingEvery;
    private final MessageJson shape;
    private final TokenSpread spread;
    private final ArrayDeque<SseEvent> ready = new ArrayDeque<>(4);

    private Step step = Step.START;
    private int block = -1;
    /** Within the current block: the next citation, or the next character of the body. */
    private int position;
    private String body;
    private byte[] deltaPrefix;
    private int counted;

    EventCursor(String messageId, String model, Answer answer, InputTokens input, int pingEvery, MessageJson shape) {
        this.messageId = messageId;
        this.shape = shape;
        this.model = model;
        this.answer = answer;
        this.input = input;
        this.pingEvery = pingEvery;
        this.spread = new TokenSpread(answer);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && step != Step.DONE) {
            advance();
        }
        return !ready.isEmpty();
    }

    @Override
    public SseEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void advance() {
        List<ObjectNode> content = answer.content();
        switch (step) {
            case START -> {
                ObjectNode start = event("message_start");
                start.set("message", shape.started(messageId, model, input, Math.min(1, answer.outputTokens())));
                emit(new SseEvent(start, false, 0, -1));
                block = 0;
                step = content.isEmpty() ? Step.ENDING : Step.BLOCK_START;
            }
            case BLOCK_START -> blockStart(content.get(block));
            case CITATIONS -> citation(content.get(block));
            case BODY -> bodyDelta(content.get(block));
            case SIGNATURE -> {
                ObjectNode sig = delta("signature_delta");
                ((ObjectNode) sig.get("delta")).put("signature", content.get(block).path("signature").asText());
                emit(new SseEvent(sig, true, 0, block));
                step = Step.BLOCK_STOP;
            }
            case BLOCK_STOP -> {
                emit(new SseEvent(event("content_block_stop").put("index", block), false, 0, block));
                block++;
                step = block < content.size() ? Step.BLOCK_START : Step.ENDING;
            }
            case ENDING -> {
                ready.addAll(ending(shape, answer, input));
                step = Step.DONE;
            }
            case DONE -> { }
        }
    }

    private void blockStart(ObjectNode content) {
        String type = content.path("type").asText();
        ObjectNode empty = shape.block(switch (type) {
            case "text" -> emptyText(content);
            case "thinking" -> MessageJson.F.objectNode().put("type", "thinking").put("thinking", "").put("signature", "");
            case "tool_use" -> MessageJson.F.objectNode().put("type", "tool_use").put("id", content.path("id").asText())
                    .put("name", content.path("name").asText()).set("input", MessageJson.F.objectNode());
            default -> content.deepCopy(); // redacted_thinking and anything unknown arrive whole
        });
        ObjectNode start = event("content_block_start").put("index", block);
        start.set("content_block", empty);
        emit(new SseEvent(start, false, 0, block));
        if (block == 0) {
            emit(new SseEvent(event("ping"), false, 0, -1)); // where first-party streams put their ping
        }
        position = 0;
        body = switch (type) {
            case "text" -> content.path("text").asText();
            case "thinking" -> content.path("thinking").asText();
            case "tool_use" -> content.path("input").toString();
            default -> null;
        };
        deltaPrefix = switch (type) {
            case "text" -> DeltaFrames.prefix(block, "text_delta", "text");
            case "thinking" -> DeltaFrames.prefix(block, "thinking_delta", "thinking");
            case "tool_use" -> DeltaFrames.prefix(block, "input_json_delta", "partial_json");
            default -> null;
        };
        step = switch (type) {
            case "text" -> Step.CITATIONS;
            case "thinking", "tool_use" -> Step.BODY;
            default -> Step.BLOCK_STOP;
        };
    }

    private void citation(ObjectNode content) {
        JsonNode citations = content.path("citations");
        if (position < citations.size()) {
            ObjectNode d = delta("citations_delta");
            ((ObjectNode) d.get("delta")).set("citation", citations.get(position++));
            emit(new SseEvent(d, true, 0, block));
        } else {
            position = 0;
            step = Step.BODY;
        }
    }

    private void bodyDelta(ObjectNode content) {
        String type = content.path("type").asText();
        if (type.equals("tool_use")) {
            toolInputDelta();
            return;
        }
        if (position < body.length()) {
            int end = Chunker.end(body, position, Chunker.TARGET_CHARS);
            String part = body.substring(position, end);
            position = end;
            emit(DeltaFrames.delta(deltaPrefix, block, part, spread.tokensFor(part)));
        } else {
            step = type.equals("thinking") ? Step.SIGNATURE : Step.BLOCK_STOP;
        }
    }

    /** The Java SDK's accumulator needs at least one input_json_delta per tool block, even for {@code {}}. */
    private void toolInputDelta() {
        boolean emptyInput = body.equals("{}");
        if (emptyInput ? position > 0 : position >= body.length()) {
            step = Step.BLOCK_STOP;
            return;
        }
        String part = emptyInput ? "" : body.substring(position, Chunker.end(body, position, Chunker.TARGET_CHARS * 2));
        position = emptyInput ? 1 : position + part.length();
        emit(DeltaFrames.delta(deltaPrefix, block, part, spread.tokensFor(part)));
    }

    /** Queues an event of the answer, and after every {@code pingEvery}-th one a ping (never two in a row). */
    private void emit(SseEvent event) {
        ready.add(event);
        if (pingEvery > 0 && counted > 0 && counted % pingEvery == 0 && !event.name().equals("ping")) {
            ready.add(new SseEvent(event("ping"), false, 0, -1));
        }
        counted++;
    }

    /** message_delta with the final usage, then message_stop: never separated by a ping. */
    static List<SseEvent> ending(MessageJson shape, Answer answer, InputTokens input) {
        ObjectNode delta = event("message_delta");
        delta.set("delta", shape.stopDelta(answer));
        delta.set("usage", shape.deltaUsage(input, answer.outputTokens(), MessageJson.thinkingDetails(answer)));
        return List.of(new SseEvent(delta, false, 0, -1), new SseEvent(event("message_stop"), false, 0, -1));
    }

    private static ObjectNode emptyText(ObjectNode block) {
        ObjectNode empty = MessageJson.F.objectNode().put("type", "text").put("text", "");
        if (block.has("citations")) {
            empty.putArray("citations");
        }
        return empty;
    }

    private ObjectNode delta(String deltaType) {
        ObjectNode d = event("content_block_delta").put("index", block);
        d.putObject("delta").put("type", deltaType);
        return d;
    }

    static ObjectNode event(String type) {
        return MessageJson.F.objectNode().put("type", type);
    }
}
