package dev.mantlemock.contract.mutants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** The broken variants the suite must catch: each one a mistake a real emulator (or proxy) could make. */
public final class Mutants {
    private Mutants() {}

    public static List<Mutant> all() {
        return List.of(
                new Mutant("missing-usage", "a message without its usage object",
                        Set.of("message.shape"),
                        e -> e.editMessage(m -> m.remove("usage"))),
                new Mutant("events-out-of-order", "message_delta sent before the last content_block_stop",
                        Set.of("stream.event-order"),
                        e -> e.editEvents(events -> {
                            int delta = indexOf(events, "message_delta");
                            int lastStop = lastIndexOf(events, "content_block_stop");
                            if (delta > lastStop && lastStop >= 0) {
                                events.add(lastStop, events.remove(delta));
                            }
                        })),
                new Mutant("stream-without-message-stop", "a stream that ends without message_stop",
                        Set.of("stream.event-order"),
                        e -> e.editEvents(events -> events.removeIf(ev -> ev.type().equals("message_stop")))),
                new Mutant("tool-block-without-input-json-delta", "a streamed tool_use block whose input never arrives",
                        Set.of("stream.tool-input-as-json-deltas"),
                        e -> e.editEvents(events -> events.removeIf(ev -> ev.deltaType().equals("input_json_delta")))),
                new Mutant("usage-not-cumulative", "message_delta reports only the last chunk's output tokens",
                        Set.of("stream.usage-is-cumulative"),
                        e -> e.editEvents(events -> events.stream().filter(ev -> ev.type().equals("message_delta"))
                                .forEach(ev -> ((ObjectNode) ev.data().path("usage")).put("output_tokens", 1)))),
                new Mutant("thinking-without-signature", "thinking blocks without their signature",
                        Set.of("thinking.first-and-signed", "thinking.signature-closes-the-streamed-block"),
                        e -> {
                            e.editMessage(m -> m.path("content").forEach(b -> {
                                if (b.path("type").asText().equals("thinking")) {
                                    ((ObjectNode) b).put("signature", "");
                                }
                            }));
                            e.editEvents(events -> events.removeIf(ev -> ev.deltaType().equals("signature_delta")));
                        }),
                new Mutant("stop-sequence-not-echoed", "stop_reason stop_sequence with stop_sequence null",
                        Set.of("stop.sequence-ends-the-answer"),
                        e -> e.editMessage(m -> m.putNull("stop_sequence"))),
                new Mutant("max-tokens-overrun", "an answer cut at max_tokens that reports more output tokens than allowed",
                        Set.of("stop.max-tokens-cuts-the-answer"),
                        e -> e.editMessage(m -> {
                            if (m.path("stop_reason").asText().equals("max_tokens")) {
                                ObjectNode usage = (ObjectNode) m.path("usage");
                                usage.put("output_tokens", usage.path("output_tokens").asLong() + 3);
                            }
                        })),
                new Mutant("count-tokens-disagrees-with-usage", "count_tokens off by a few tokens",
                        Set.of("count-tokens.matches-usage"),
                        e -> {
                            ObjectNode counted = e.isCountTokens() && e.status == 200 ? e.json() : null;
                            if (counted != null) {
                                counted.put("input_tokens", counted.path("input_tokens").asLong() + 7);
                                e.body = counted.toString();
                            }
                        }),
                new Mutant("cache-never-read", "the cached prefix is written but never read",
                        Set.of("cache.write-then-read"),
                        e -> e.editMessage(m -> {
                            ObjectNode usage = (ObjectNode) m.path("usage");
                            long read = usage.path("cache_read_input_tokens").asLong();
                            if (read > 0) {
                                usage.put("cache_read_input_tokens", 0).put("cache_creation_input_tokens", read);
                            }
                        })),
                new Mutant("aws-error-envelope", "errors in bedrock-runtime's AWS shape instead of the Anthropic envelope",
                        Set.of("errors.validation-envelope", "errors.version-header-required", "errors.unknown-model-not-found"),
                        e -> {
                            ObjectNode error = e.status >= 400 ? e.json() : null;
                            if (error != null && error.has("error")) {
                                e.body = Exchange.JSON.createObjectNode().put("message", error.path("error").path("message").asText()).toString();
                                e.headers.put("x-amzn-errortype", "ValidationException");
                            }
                        }),
                new Mutant("missing-request-id", "answers without the request-id header",
                        Set.of("request-id.on-success", "request-id.on-error"),
                        e -> e.headers.remove("request-id")),
                new Mutant("auth-failure-as-403", "authentication failures answered 403 instead of 401",
                        Set.of("auth.no-credentials", "auth.wrong-secret", "auth.skewed-clock", "auth.tampered-key"),
                        e -> {
                            if (e.status == 401) {
                                e.status = 403;
                            }
                        }),
                new Mutant("unknown-model-as-bad-request", "an unknown model answered 400 invalid_request_error",
                        Set.of("errors.unknown-model-not-found"),
                        e -> {
                            ObjectNode error = e.status == 404 && e.path.endsWith("/v1/messages") ? e.json() : null;
                            if (error != null) {
                                e.status = 400;
                                ((ObjectNode) error.path("error")).put("type", "invalid_request_error");
                                e.body = error.toString();
                            }
                        }),
                new Mutant("tool-result-answered-with-tool-use", "after a tool_result the turn never ends",
                        Set.of("tools.round-trip"),
                        e -> {
                            if (e.requestBody.contains("\"tool_result\"")) {
                                e.editMessage(m -> m.put("stop_reason", "tool_use"));
                            }
                        }),
                new Mutant("dropped-thinking-block-accepted", "a tool turn handed back without its thinking block answered 200 (the mock before issue 12)",
                        Set.of("thinking.dropped-block-refused"),
                        e -> {
                            if (e.status == 400 && e.body.contains("Expected `thinking` or `redacted_thinking`")) {
                                e.status = 200;
                                e.body = "{\"id\":\"msg_01Mutant\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                                        + "\"content\":[{\"type\":\"text\",\"text\":\"It is sunny.\"}],\"stop_reason\":\"end_turn\","
                                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":4}}";
                            }
                        }));
    }

    private static int indexOf(List<Exchange.Event> events, String type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Exchange.Event> events, String type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }
}
