package dev.mantlemock.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.StreamTiming;

/** Default pacing of streams: a preset, with any field overriding it. */
public final class StreamingSettings {
    /** {@code fast} (no delay, the default for tests) or {@code realistic}. */
    public String preset = "fast";

    @JsonProperty("time-to-first-token-ms")
    public Long timeToFirstTokenMillis;

    @JsonProperty("tokens-per-second")
    public Double tokensPerSecond;

    public Double jitter;

    public Long seed;

    /** A {@code ping} event every this many events after the first content block starts; 0 for only the first. */
    @JsonProperty("ping-every")
    public int pingEvery = 0;

    public StreamTiming timing() {
        StreamTiming base = switch (preset) {
            case "fast" -> StreamTiming.FAST;
            case "realistic" -> StreamTiming.REALISTIC;
            default -> throw new IllegalArgumentException(
                    "streaming.preset must be 'fast' or 'realistic', not '" + preset + "'");
        };
        return new StreamTiming(
                timeToFirstTokenMillis != null ? timeToFirstTokenMillis : base.timeToFirstTokenMillis(),
                tokensPerSecond != null ? tokensPerSecond : base.tokensPerSecond(),
                jitter != null ? jitter : base.jitter(),
                seed != null ? seed : base.seed());
    }
}
