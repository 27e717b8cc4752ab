package dev.mantlemock.wire;

import dev.mantlemock.domain.Bound;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.StreamTiming;

/** Default pacing of streams: a preset, with any field overriding it. */
public final class StreamingSettings {
    /** The preset of a recorded fixture's timing: the pace captured from the upstream. */
    public static final String RECORDED = "recorded";

    /** {@code fast} (no delay, the default for tests) or {@code realistic}. */
    public String preset = "fast";

    @JsonProperty("time-to-first-token-ms")
    public Long timeToFirstTokenMillis;

    @JsonProperty("tokens-per-second")
    public Double tokensPerSecond;

    public Double jitter;

    /**
     * {@code on}: the latency model paces answers from their prompt's size and the load (bedrock/latency.yaml),
     * in place of the preset; {@code off} (the default: tests stay fast). In a fixture's timing it overrides the run's.
     */
    @JsonProperty("latency-model")
    public String latencyModel;

    /** A latency table fitted to an account (same form as bedrock/latency.yaml); unset: the built-in one. */
    @JsonProperty("latency-table")
    public String latencyTable;

    /** Whether the latency model is on, off, or not said here (null). */
    public Boolean latencyModelOn() {
        if (latencyModel == null) {
            return null;
        }
        return switch (latencyModel) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("streaming.latency-model must be 'on' or 'off', not '" + latencyModel + "'");
        };
    }

    public Long seed;

    /** Whether this is a recording's captured pace, which {@code record.replay-timing: preset} sets aside. */
    public boolean isRecorded() {
        return RECORDED.equals(preset);
    }

    /** A {@code ping} event every this many events after the first content block starts; 0 for only the first. */
    @JsonProperty("ping-every")
    public int pingEvery = 0;

    static final Bound TIME_TO_FIRST_TOKEN = Bound.of("streaming.time-to-first-token-ms", 0, 600_000);
    static final Bound TOKENS_PER_SECOND = Bound.of("streaming.tokens-per-second", 0, 100_000);
    static final Bound JITTER = Bound.of("streaming.jitter", 0, 1);
    static final Bound PING_EVERY = Bound.of("streaming.ping-every", 0, 100_000);

    /** The same limits as a slow_stream fault's (0 tokens/s means unpaced here). */
    public void check() {
        TIME_TO_FIRST_TOKEN.checkIfSet(timeToFirstTokenMillis);
        TOKENS_PER_SECOND.checkIfSet(tokensPerSecond);
        if (tokensPerSecond != null && tokensPerSecond > 0 && tokensPerSecond < 0.01) {
            Bound.of("streaming.tokens-per-second (when not 0)", 0.01, 100_000).check(tokensPerSecond);
        }
        JITTER.checkIfSet(jitter);
        PING_EVERY.check(pingEvery);
        latencyModelOn();
        timing();
    }

    public StreamTiming timing() {
        StreamTiming base = switch (preset) {
            case "fast" -> StreamTiming.FAST;
            case "realistic" -> StreamTiming.REALISTIC;
            // A recording's own pace: the fields the recorder wrote (time to first token, tokens/s) on no delay.
            case RECORDED -> StreamTiming.FAST;
            default -> throw new IllegalArgumentException(
                    "streaming.preset must be 'fast' or 'realistic' ('recorded' in a recorded fixture), not '" + preset + "'");
        };
        return new StreamTiming(
                timeToFirstTokenMillis != null ? timeToFirstTokenMillis : base.timeToFirstTokenMillis(),
                tokensPerSecond != null ? tokensPerSecond : base.tokensPerSecond(),
                jitter != null ? jitter : base.jitter(),
                seed != null ? seed : base.seed());
    }
}
