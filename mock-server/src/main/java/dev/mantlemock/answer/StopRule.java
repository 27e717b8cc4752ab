package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer stops as the request allows: its text ends at the first of the request's
 * {@code stop_sequences} (adapted: cut there, {@code stop_reason: stop_sequence}); a
 * {@code stop_sequence} stop names one of them; {@code stop_reason} is {@code tool_use} exactly when the
 * answer ends in a tool call ({@code end_turn} before a final call is adapted, any other mismatch is broken).
 */
final class StopRule implements AnswerRule {
    @Override
    public Answer hold(Answer answer, Answering on) {
        Answer a = cutAtStopSequence(answer, on);
        List<String> sequences = on.request().stopSequences();
        if (a.stopReason().equals("stop_sequence") && !sequences.contains(a.stopSequence())) {
            throw new Broken("it stops at the stop sequence " + quoted(a.stopSequence())
                    + ", which is not one of the request's stop_sequences " + sequences);
        }
        List<ObjectNode> content = a.content();
        boolean endsInCall = !content.isEmpty() && Answering.type(content.get(content.size() - 1)).equals("tool_use");
        if (endsInCall && !a.stopReason().equals("tool_use")) {
            if (!a.stopReason().equals("end_turn")) {
                throw new Broken("it ends in a tool call, so its stop_reason must be tool_use, not " + a.stopReason());
            }
            on.adapted("it ends in a tool call: stop_reason end_turn became tool_use");
            return a.withStop("tool_use", null);
        }
        if (!endsInCall && a.stopReason().equals("tool_use")) {
            throw new Broken("stop_reason is tool_use, but it does not end in a tool call");
        }
        return a;
    }

    private static Answer cutAtStopSequence(Answer answer, Answering on) {
        List<String> sequences = on.request().stopSequences();
        if (sequences.isEmpty()) {
            return answer;
        }
        List<ObjectNode> content = answer.content();
        for (int i = 0; i < content.size(); i++) {
            if (!Answering.type(content.get(i)).equals("text")) {
                continue;
            }
            String text = content.get(i).path("text").asText();
            StopSequences first = StopSequences.first(text, sequences);
            if (first != null) {
                int at = first.at();
                String matched = first.sequence();
                List<ObjectNode> kept = new ArrayList<>(content.subList(0, i));
                if (at > 0) {
                    kept.add(content.get(i).deepCopy().put("text", text.substring(0, at)));
                }
                on.adapted("its text holds the stop sequence " + quoted(matched) + ": it was cut there");
                Answer cut = on.withContent(answer, kept);
                return new Answer(cut.content(), "stop_sequence", matched, cut.outputTokens(), cut.thinkingTokens(), null);
            }
        }
        return answer;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
