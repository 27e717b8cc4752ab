package dev.mantlemock.domain;


/**
 * How a stream unfolds in time, and whether it is cut short. Separate from what is said (the
 * {@link dev.mantlemock.domain.Answer}) and from how it is written ({@code wire.SseEncoder}).
 *
 * @param timing       pacing of the events
 * @param interruption how the stream ends if not normally
 * @param afterEvents  how many events are written before the interruption
 * @param latencyMillis how long the answer (JSON or stream) waits before its first byte: a latency fault
 * @param modelled     whether the latency model sets the pace (from the prompt's size and the load) instead of the preset
 */
public record StreamPlan(StreamTiming timing, Interruption interruption, int afterEvents, long latencyMillis, boolean modelled) {

    public StreamPlan(StreamTiming timing, Interruption interruption, int afterEvents) {
        this(timing, interruption, afterEvents, 0, false);
    }

    public StreamPlan(StreamTiming timing, Interruption interruption, int afterEvents, long latencyMillis) {
        this(timing, interruption, afterEvents, latencyMillis, false);
    }

    public enum Interruption {
        NONE,
        /** An SSE {@code error} event after the 200 has begun. */
        ERROR_EVENT,
        /** The connection is dropped without a proper end. */
        DROP_CONNECTION,
        /** The stream ends cleanly at the HTTP level but without {@code message_stop}. */
        TRUNCATE
    }

    public static StreamPlan of(StreamTiming timing) {
        return new StreamPlan(timing, Interruption.NONE, 0);
    }

    public StreamPlan interrupted(Interruption kind, int afterEvents) {
        return new StreamPlan(timing, kind, afterEvents, latencyMillis, modelled);
    }

    /** A pace chosen by a fault or a fixture: it replaces the latency model's. */
    public StreamPlan paced(StreamTiming pace) {
        return new StreamPlan(pace, interruption, afterEvents, latencyMillis, false);
    }

    public StreamPlan delayed(long millis) {
        return new StreamPlan(timing, interruption, afterEvents, millis, modelled);
    }

    /** Whether the latency model sets the pace. */
    public StreamPlan modelled(boolean on) {
        return new StreamPlan(timing, interruption, afterEvents, latencyMillis, on);
    }
}
