package dev.mantlemock.domain;

/**
 * The input side of usage. {@code uncached} is what {@code usage.input_tokens} reports; the total
 * input is the sum of all four.
 */
public record InputTokens(int uncached, int cacheCreation5m, int cacheCreation1h, int cacheRead) {
    public static InputTokens uncached(int tokens) {
        return new InputTokens(tokens, 0, 0, 0);
    }

    public int cacheCreation() { return cacheCreation5m + cacheCreation1h; }

    public int total() { return uncached + cacheCreation5m + cacheCreation1h + cacheRead; }

    /** What a quota charges at admission: everything but cache reads (AWS Mantle quotas page). */
    public int chargeable() { return uncached + cacheCreation5m + cacheCreation1h; }
}
