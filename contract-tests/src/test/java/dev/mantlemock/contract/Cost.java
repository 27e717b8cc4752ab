package dev.mantlemock.contract;

/** What a run sent: requests and the tokens the target reported for them (what a live run is billed for). */
public record Cost(long requests, long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {
    public static final Cost NONE = new Cost(0, 0, 0, 0, 0);

    public Cost plus(Cost other) {
        return new Cost(requests + other.requests, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheCreationInputTokens + other.cacheCreationInputTokens, cacheReadInputTokens + other.cacheReadInputTokens);
    }
}
