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

    /**
     * The text of the last user turn: its text blocks, or what its tool results said; whitespace collapsed.
     * Only as much as the echo can use is read (a prompt may be megabytes, and this runs on every answer).
     */
    static String lastUserText(MessageRequest request) {
        JsonNode messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (message.path("role").asText().equals("user")) {
                Echo echo = new Echo();
                collect(message.path("content"), echo);
                return shorten(echo.text());
            }
        }
        return "";
    }

    private static void collect(JsonNode content, Echo out) {
        if (content.isTextual()) {
            out.append(content.asText());
            return;
        }
        for (JsonNode block : content) {
            if (out.full()) {
                return;
            }
            String type = block.path("type").asText();
            if (type.equals("text")) {
                out.append(block.path("text").asText());
            } else if (type.equals("tool_result")) {
                collect(block.path("content"), out);
            }
        }
    }

    /**
     * The blocks' texts, one space between, as {@code replaceAll("\\s+", " ").trim()} would leave them, kept
     * only until a visible character lies past {@link #ECHO_CHARS} (all {@link #shorten} looks at).
     */
    static final class Echo {
        private final StringBuilder out = new StringBuilder();
        /** The length up to and including the last character {@code trim()} would keep. */
        private int visible;

        void append(String text) {
            for (int i = 0; i < text.length() && !full(); i++) {
                add(text.charAt(i));
            }
            add(' ');
        }

        private void add(char c) {
            if (isRegexSpace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (c > ' ' || visible > 0) {
                out.append(c);
                if (c > ' ') {
                    visible = out.length();
                }
            }
        }

        boolean full() {
            return visible > ECHO_CHARS;
        }

        String text() {
            return out.substring(0, visible);
        }

        /** {@code \\s} without flags: ASCII blanks only. */
        private static boolean isRegexSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }
    }

    static String shorten(String text) {
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
