package dev.mantlemock.answer;

import java.util.SplittableRandom;

/**
 * A small plain-English vocabulary and a few sentence shapes: generated text reads like simple
 * prose, yet is fully predictable from the seed.
 */
final class Words {
    private static final String[] NOUNS = split("answer question example result value system request reply river stone garden "
            + "window morning paper letter story number table water bridge mountain city friend teacher student market "
            + "winter summer road house field plan idea list note");
    private static final String[] ADJECTIVES = split("good small quiet bright careful quick gentle steady open warm calm early "
            + "late new old simple clear useful short long");
    private static final String[] VERBS = split("read write build make find keep bring hold carry show explain check test "
            + "follow change share");
    private static final String[] PLACES = split("near over under beside after before with without behind");
    private static final String[] ADVERBS = split("often always usually sometimes rarely quietly clearly slowly");

    private Words() {}

    /** Any single word, for string values. */
    static String any(SplittableRandom rnd) {
        String[][] lists = {NOUNS, ADJECTIVES, VERBS};
        String[] list = lists[rnd.nextInt(lists.length)];
        return list[rnd.nextInt(list.length)];
    }

    static String phrase(SplittableRandom rnd, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(i % 2 == 0 ? pick(ADJECTIVES, rnd) : pick(NOUNS, rnd));
        }
        return s.toString();
    }

    /** One short sentence in one of a few shapes, capitalised, with a full stop. */
    static String sentence(SplittableRandom rnd) {
        String s;
        switch (rnd.nextInt(4)) {
            case 0:
                s = "the " + pick(ADJECTIVES, rnd) + " " + pick(NOUNS, rnd) + " can " + pick(VERBS, rnd) + " " + withArticle(pick(NOUNS, rnd))
                        + " " + pick(PLACES, rnd) + " the " + pick(NOUNS, rnd);
                break;
            case 1:
                s = withArticle(pick(NOUNS, rnd)) + " is " + pick(ADVERBS, rnd) + " " + pick(ADJECTIVES, rnd) + " and "
                        + pick(ADJECTIVES, rnd);
                break;
            case 2:
                s = "we " + pick(ADVERBS, rnd) + " " + pick(VERBS, rnd) + " the " + pick(NOUNS, rnd) + " " + pick(PLACES, rnd)
                        + " " + withArticle(pick(ADJECTIVES, rnd)) + " " + pick(NOUNS, rnd);
                break;
            default:
                s = "every " + pick(NOUNS, rnd) + " should " + pick(VERBS, rnd) + " its own " + pick(NOUNS, rnd);
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    /** "a river", "an idea". */
    private static String withArticle(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String pick(String[] words, SplittableRandom rnd) {
        return words[rnd.nextInt(words.length)];
    }

    private static String[] split(String words) {
        return words.split(" ");
    }
}
