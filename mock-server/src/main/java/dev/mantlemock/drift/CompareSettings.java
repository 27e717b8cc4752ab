package dev.mantlemock.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Compare mode (config section {@code compare}; docs/record-replay-compare.md). */
public final class CompareSettings {
    /** The upstream every request is also sent to, whose answer the client gets; null: no comparing. */
    public String with;

    /** The upstream's SigV4 region; read from a {@code bedrock-mantle.{region}.api.aws} URL when not given. */
    public String region;

    /** The drift log: one JSON line per request whose two answers differ. */
    @JsonProperty("drift-log")
    public String driftLog = "mantle-drift.jsonl";
}
