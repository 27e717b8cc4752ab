package dev.mantlemock.answer;

import java.util.SplittableRandom;

/** A small plain-English vocabulary: generated text reads like prose, yet is fully predictable from the seed. */
final class Words {
    private static final String[] WORDS = (
            "the a model answer question simple clear useful short example result value system request reply "
            + "good small quiet river stone garden window morning light paper letter story number table "
            + "water bridge mountain city friend teacher student market winter summer road house field "
            + "is was can will should could might often always never sometimes usually "
            + "bright careful quick gentle steady open warm calm early late new old simple "
            + "read write build make find keep bring hold carry show tell explain check test "
            + "and but so then because while after before with from into over under about").split(" ");

    private Words() {}

    static String any(SplittableRandom rnd) {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    static String phrase(SplittableRandom rnd, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(any(rnd));
        }
        return s.toString();
    }

    /** One sentence: a capitalised word, a few more, a full stop. */
    static String sentence(SplittableRandom rnd) {
        String words = phrase(rnd, 5 + rnd.nextInt(8));
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }
}
