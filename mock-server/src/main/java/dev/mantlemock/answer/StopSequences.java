package dev.mantlemock.answer;

import java.util.List;

/** Where the first of a request's stop sequences appears in a text: the generator stops there, and so must any answer. */
record StopSequences(int at, String sequence) {
    /** The earliest match (the first listed wins a tie), or null when none appears. */
    static StopSequences first(String text, List<String> sequences) {
        StopSequences found = null;
        for (String sequence : sequences) {
            int i = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (i >= 0 && (found == null || i < found.at())) {
                found = new StopSequences(i, sequence);
            }
        }
        return found;
    }
}
