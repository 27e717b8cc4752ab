package dev.mantlemock.answer;

import dev.mantlemock.tokens.TokenFacts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.MessageRequest;
import java.util.SplittableRandom;

/**
 * Readable answer text. It echoes the start of the user's last turn ("You said: ...") so a test can
 * make a given string, such as a stop sequence, appear in the answer by putting it in its prompt.
 */
final class Prose {
    /** The echo keeps at most this many characters of the user's words. */
    static final int ECHO_CHARS = 240;

    private Prose() {}

    /** An echo of the last user turn, then sentences until about {@code targetTokens}. */
    static String answer(MessageRequest request, int targetTokens, SplittableRandom rnd) {
        String heard = lastUserText(request);
        StringBuilder s = new StringBuilder();
        if (!heard.isEmpty()) {
            s.append(request.lastTurnHasToolResult() ? "The tool returned: \"" : "You said: \"").append(heard).append("\".");
        }
        appendSentences(s, targetTokens, rnd);
        return s.toString();
    }

    static void appendSentences(StringBuilder s, int targetTokens, SplittableRandom rnd) {
        int targetChars = (int) Math.ceil(targetTokens * TokenFacts.CHARS_PER_TOKEN);
        while (s.length() < targetChars) {
            s.append(s.length() == 0 ? "" : " ").append(Words.sentence(rnd));
        }
    }

    /** The text of the last user turn: its text blocks, or what its tool results said; whitespace collapsed. */
    static String lastUserText(MessageRequest request) {
        JsonNode messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (message.path("role").asText().equals("user")) {
                StringBuilder text = new StringBuilder();
                collect(message.path("content"), text);
                return shorten(text.toString().replaceAll("\\s+", " ").trim());
            }
        }
        return "";
    }

    private static void collect(JsonNode content, StringBuilder out) {
        if (content.isTextual()) {
            out.append(content.asText()).append(' ');
            return;
        }
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                out.append(block.path("text").asText()).append(' ');
            } else if (type.equals("tool_result")) {
                collect(block.path("content"), out);
            }
        }
    }

    private static String shorten(String text) {
        if (text.length() <= ECHO_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', ECHO_CHARS);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(text.charAt(ECHO_CHARS - 1)) ? ECHO_CHARS - 1 : ECHO_CHARS;
        }
        return text.substring(0, cut) + " ...";
    }
}
