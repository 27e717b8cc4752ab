package dev.mantlemock.wire;

/** Cuts generated text into stream deltas of a few tokens, at word boundaries where it can. */
final class Chunker {
    /** About four tokens per delta, like first-party streams. */
    static final int TARGET_CHARS = 14;

    private Chunker() {}

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
