package dev.mantlemock.wire;

import java.util.ArrayList;
import java.util.List;

/** Cuts generated text into stream deltas of a few tokens, at word boundaries where it can. */
final class Chunker {
    /** About four tokens per delta, like first-party streams. */
    static final int TARGET_CHARS = 14;

    private Chunker() {}

    static List<String> split(String text, int target) {
        List<String> out = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = end(text, start, target);
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** Where the chunk of {@code text} starting at {@code start} ends: one chunk at a time, for streams. */
    static int end(String text, int start, int target) {
        int end = Math.min(text.length(), start + target);
        if (end < text.length()) {
            int space = text.indexOf(' ', end);
            end = space < 0 || space - start > target * 2 ? end : space + 1;
        }
        // never split a surrogate pair across two deltas
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end++;
        }
        return end;
    }
}
