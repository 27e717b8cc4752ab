package dev.mantlemock.domain;

/**
 * A string a client chose (a model id, a test id, a value an upstream sent) as the mock keeps or shows
 * it: the drift log, the journal and the dashboard cut each to {@link #MAX} characters, so a megabyte
 * model id costs a log line no more than an ordinary one.
 */
public final class ClientText {
    /** Characters kept of one client-supplied string. */
    public static final int MAX = 256;

    private ClientText() {}

    /** The string, or its first {@link #MAX} characters and an ellipsis; null stays null. */
    public static String cut(String s) {
        return cut(s, MAX);
    }

    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max; // never half a character
        return s.substring(0, end) + "…";
    }
}
