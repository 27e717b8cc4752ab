package dev.mantlemock.answer;

import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.StopReasons;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Stage;
import java.util.List;

/**
 * {@code x-mock-stop-reason: refusal} (or {@code pause_turn}, {@code model_context_window_exceeded},
 * {@code end_turn}, {@code max_tokens}) makes the answer end for that reason, content unchanged, so a
 * client's handling of a stop it rarely meets can be tested without a fixture. {@code refusal} carries
 * {@code stop_details} with a null category and explanation, as the docs allow. {@code stop_sequence}
 * and {@code tool_use} are left out: each needs content (a matched sequence, a tool call) a header cannot give.
 */
public final class StopReasonHeader implements Stage {
    public static final String HEADER = "x-mock-stop-reason";
    static final List<String> ALLOWED = List.of("end_turn", "max_tokens", "pause_turn", "refusal",
            "model_context_window_exceeded");

    @Override
    public Needs needs() {
        return Needs.reads(Slot.ANSWER).andProvides(Slot.ANSWER);
    }

    @Override
    public void process(Exchange exchange) {
        String wanted = exchange.request().header(HEADER);
        if (wanted == null || exchange.endpoint() == Endpoint.COUNT_TOKENS) {
            return;
        }
        String reason = wanted.trim();
        if (!ALLOWED.contains(reason)) {
            throw ApiException.of(ApiError.STOP_REASON_HEADER_UNKNOWN, reason, String.join(", ", ALLOWED));
        }
        Answer answer = exchange.answer();
        exchange.answer(answer.withStop(reason, StopReasons.complete(reason, null)));
    }
}
