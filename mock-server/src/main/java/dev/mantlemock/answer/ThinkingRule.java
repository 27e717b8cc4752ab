package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import dev.mantlemock.domain.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Thinking on: the answer begins with a thinking block (its text empty where display is omitted);
 * thinking off: it has none. Both are adapted: a thinking block is added (signed later, like any), or
 * the thinking blocks are dropped; an agent loop that sends the answer back then passes the mock's own
 * thinking checks, as it would pass Bedrock's.
 */
final class ThinkingRule implements AnswerRule {
    /** What an added block says when its text is shown. */
    static final String ADDED_THOUGHT = "Let me work out how to answer this.";

    @Override
    public Answer hold(Answer answer, Answering on) {
        List<ObjectNode> content = answer.content();
        if (!on.thinking()) {
            if (!answer.thought()) {
                return answer;
            }
            on.adapted("thinking is off for this request: the thinking blocks were dropped");
            return on.withContent(answer, content.stream().filter(b -> !Answering.isThinking(b)).toList());
        }
        List<ObjectNode> out = new ArrayList<>(content);
        if (out.isEmpty() || !Answering.isThinking(out.get(0))) {
            out.add(0, Json.object().put("type", "thinking").put("thinking", on.thinkingOmitted() ? "" : ADDED_THOUGHT)
                    .put("signature", ""));
            on.adapted("thinking is on for this request: a thinking block was added at the start");
        }
        if (on.thinkingOmitted()) {
            for (int i = 0; i < out.size(); i++) {
                ObjectNode block = out.get(i);
                if (Answering.type(block).equals("thinking") && !block.path("thinking").asText("").isEmpty()) {
                    // The signature covers the text as sent, so a signature written for the old text is dropped.
                    out.set(i, block.deepCopy().put("thinking", "").put("signature", ""));
                    on.adapted("thinking display is omitted: the thinking text was emptied");
                }
            }
        }
        return out.equals(content) ? answer : on.withContent(answer, out);
    }
}
