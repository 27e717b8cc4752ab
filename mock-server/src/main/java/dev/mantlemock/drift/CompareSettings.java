package dev.mantlemock.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.Bound;

/** Compare mode (config section {@code compare}; docs/record-replay-compare.md). */
public final class CompareSettings {
    /** The upstream every request is also sent to, whose answer the client gets; null: no comparing. */
    public String with;

    /** The upstream's SigV4 region; read from a {@code bedrock-mantle.{region}.api.aws} URL when not given. */
    public String region;

    /** The drift log: one JSON line per request whose two answers differ. */
    @JsonProperty("drift-log")
    public String driftLog = "mantle-drift.jsonl";

    /** The drift log is rotated past this size: {@code mantle-drift.jsonl} becomes {@code mantle-drift.jsonl.1}, and so on. */
    @JsonProperty("drift-log-max-bytes")
    public long driftLogMaxBytes = 10L * 1024 * 1024;

    /** Rotated files kept besides the current one; the oldest goes. */
    @JsonProperty("drift-log-files")
    public int driftLogFiles = 3;

    static final Bound DRIFT_LOG_MAX_BYTES = Bound.of("compare.drift-log-max-bytes", 1024, 1L << 30);
    static final Bound DRIFT_LOG_FILES = Bound.of("compare.drift-log-files", 0, 100);

    public void check() {
        DRIFT_LOG_MAX_BYTES.check(driftLogMaxBytes);
        DRIFT_LOG_FILES.check(driftLogFiles);
    }
}
