package dev.mantlemock.answer;

import static dev.mantlemock.testing.TestRequests.quoted;
import static dev.mantlemock.testing.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.testing.PropertyRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The echo reads only as much of the last user turn as it shows, and shows exactly what collapsing the
 * whole turn's whitespace with a regex and trimming it showed (its first version, which ran a regex
 * over megabyte prompts on every answer).
 */
class ProseEchoTest {
    /** Blanks the regex collapses, blanks only trim() drops, a surrogate pair, and plain letters. */
    private static final String[] PIECES = {" ", "\t", "\n", "\r\n", "\u000B", "\f", "\u0001", "\u001F", "a", "bc", "é", "\uD83D\uDE00", "word "};

    @Test
    void theEchoOfAnyTurnIsWhatCollapsingTheWholeTurnGave() {
        PropertyRunner.check("echo equals regex collapse", 2_000, ProseEchoTest::blocks, ProseEchoTest::simpler, blocks -> {
            String expected = Prose.shorten(String.join("", blocks.stream().map(b -> b + " ").toList()).replaceAll("\\s+", " ").trim());
            String actual = Prose.lastUserText(request("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":["
                    + blocks.stream().map(b -> "{\"type\":\"text\",\"text\":" + quoted(b) + "}").collect(Collectors.joining(",")) + "]}]}"));
            return actual.equals(expected) ? null : "echo " + quoted(actual) + " but the regex gave " + quoted(expected);
        });
    }

    @Test
    void aMegabytePromptIsEchoedFromItsStartAndCutAtAWord() {
        String prompt = "Start   here\n\n" + "lorem ipsum ".repeat(100_000);
        String echo = Prose.lastUserText(request("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":" + quoted(prompt) + "}]}"));
        assertThat(echo).startsWith("Start here lorem ipsum").endsWith(" ...").hasSizeLessThanOrEqualTo(Prose.ECHO_CHARS + 4);
    }

    private static List<String> blocks(SplittableRandom rnd) {
        List<String> blocks = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int pieces = rnd.nextInt(rnd.nextBoolean() ? 20 : 200);
            for (int p = 0; p < pieces; p++) {
                b.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            blocks.add(b.toString());
        }
        return blocks;
    }

    private static List<List<String>> simpler(List<String> blocks) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.size() > 1) {
                List<String> fewer = new ArrayList<>(blocks);
                fewer.remove(i);
                out.add(fewer);
            }
            String b = blocks.get(i);
            if (b.length() > 1) {
                List<String> shorter = new ArrayList<>(blocks);
                shorter.set(i, b.substring(0, b.length() / 2));
                out.add(shorter);
                List<String> tail = new ArrayList<>(blocks);
                tail.set(i, b.substring(1));
                out.add(tail);
            }
        }
        return out;
    }
}
