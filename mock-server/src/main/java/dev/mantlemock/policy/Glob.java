package dev.mantlemock.policy;

/** The small glob the feature table uses: a literal, or a prefix ending in '*'. */
record Glob(String pattern) {
    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return pattern.endsWith("*")
                ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(value);
    }
}
