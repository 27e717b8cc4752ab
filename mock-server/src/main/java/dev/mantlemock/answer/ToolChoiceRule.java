package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code tool_use} names a tool the request offered; {@code tool_choice} {@code none} has no call;
 * {@code any} and {@code tool} are a call (of the named tool) with no text before it. Text before a
 * forced call is dropped (adapted); a missing, forbidden or unknown call is broken. An answer cut at
 * {@code max_tokens} may stop before its call.
 */
final class ToolChoiceRule implements AnswerRule {
    @Override
    public Answer hold(Answer answer, Answering on) {
        List<String> offered = new ArrayList<>();
        for (JsonNode tool : on.request().tools()) {
            offered.add(tool.path("name").asText());
        }
        List<ObjectNode> content = answer.content();
        int firstCall = -1;
        for (int i = 0; i < content.size(); i++) {
            if (Answering.type(content.get(i)).equals("tool_use")) {
                String name = content.get(i).path("name").asText();
                if (!offered.contains(name)) {
                    throw new Broken("it calls the tool '" + name + "', which the request does not offer "
                            + (offered.isEmpty() ? "(it offers no tools)" : "(it offers " + String.join(", ", offered) + ")"));
                }
                firstCall = firstCall < 0 ? i : firstCall;
            }
        }
        String choice = on.request().hasTools() ? on.request().toolChoiceType() : "auto";
        switch (choice) {
            case "none" -> {
                if (firstCall >= 0) {
                    throw new Broken("tool_choice is none, yet it calls the tool '" + content.get(firstCall).path("name").asText() + "'");
                }
            }
            case "any", "tool" -> {
                if (firstCall < 0) {
                    if (answer.stopReason().equals("max_tokens")) {
                        return answer;
                    }
                    throw new Broken("tool_choice " + choice + " forces a tool call, and it has none");
                }
                String wanted = on.request().toolChoiceName();
                String called = content.get(firstCall).path("name").asText();
                if (choice.equals("tool") && !called.equals(wanted)) {
                    throw new Broken("tool_choice names the tool '" + wanted + "', and it calls '" + called + "'");
                }
                return withoutTextBefore(answer, firstCall, on);
            }
            default -> { }
        }
        return answer;
    }

    private static Answer withoutTextBefore(Answer answer, int firstCall, Answering on) {
        List<ObjectNode> kept = new ArrayList<>(answer.content().size());
        for (int i = 0; i < answer.content().size(); i++) {
            if (i >= firstCall || !Answering.type(answer.content().get(i)).equals("text")) {
                kept.add(answer.content().get(i));
            }
        }
        if (kept.size() == answer.content().size()) {
            return answer;
        }
        on.adapted("tool_choice forces a tool call: the text before it was dropped");
        return on.withContent(answer, kept);
    }
}
