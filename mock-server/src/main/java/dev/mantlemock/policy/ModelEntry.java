package dev.mantlemock.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One model a user adds in config. */
public final class ModelEntry {
    public String id;
    @JsonProperty("context-window")
    public int contextWindow = 200_000;
    @JsonProperty("max-output-tokens")
    public int maxOutputTokens = 64_000;
    @JsonProperty("tokenizer-factor")
    public double tokenizerFactor = 1.0;
}
