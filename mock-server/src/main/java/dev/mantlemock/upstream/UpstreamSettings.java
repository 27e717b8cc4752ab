package dev.mantlemock.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.Bound;

/**
 * How much of an upstream's answer record and compare modes will read, keep and wait for (config section
 * {@code upstream}; docs/robustness.md). A proxy's error page or a gateway that never ends its answer
 * must not be able to fill the mock's memory or hold its threads. The defaults hold the worst case, every
 * relay at its limits at once, to about half a gigabyte: 32 relays of at most about 16 MB each (a body read
 * twice over while it is copied; or a line, an event and what is kept of a stream).
 */
public final class UpstreamSettings {
    /** A JSON (non-stream) answer larger than this is refused with a 502 and the connection closed (a Message of 128,000 tokens is well under 1 MB). */
    @JsonProperty("max-body-bytes")
    public long maxBodyBytes = 8L * 1024 * 1024;

    /** One line of an SSE stream; a longer one cuts the stream. */
    @JsonProperty("max-line-bytes")
    public int maxLineBytes = 1024 * 1024;

    /** One SSE event (its data lines together); a larger one cuts the stream. */
    @JsonProperty("max-event-bytes")
    public int maxEventBytes = 2 * 1024 * 1024;

    /** Events of one stream; more cut the stream (a 128,000-token answer is fewer deltas than that). */
    @JsonProperty("max-events")
    public int maxEvents = 200_000;

    /** What is kept of one answer for the recording or the drift log; past it the recording is abandoned, the relay goes on. */
    @JsonProperty("max-kept-bytes")
    public long maxKeptBytes = 8L * 1024 * 1024;

    /**
     * The whole answer, status line to last byte; past it the answer is cut. An hour: a long stream at a slow
     * pace takes tens of minutes. The status line itself is awaited at most 10 minutes (the SDKs' default timeout).
     */
    @JsonProperty("answer-timeout-seconds")
    public double answerTimeoutSeconds = 3600;

    /** Upstream requests in flight at once; each holds a thread while it relays. */
    @JsonProperty("max-relays")
    public int maxRelays = 32;

    /** Requests waiting for a relay thread; beyond them a request gets 429 at once. */
    @JsonProperty("max-queued")
    public int maxQueued = 256;

    static final Bound MAX_BODY_BYTES = Bound.of("upstream.max-body-bytes", 1024, 1L << 30);
    static final Bound MAX_LINE_BYTES = Bound.of("upstream.max-line-bytes", 1024, 64 * 1024 * 1024);
    static final Bound MAX_EVENT_BYTES = Bound.of("upstream.max-event-bytes", 1024, 64 * 1024 * 1024);
    static final Bound MAX_EVENTS = Bound.of("upstream.max-events", 1, 10_000_000);
    static final Bound MAX_KEPT_BYTES = Bound.of("upstream.max-kept-bytes", 0, 1L << 30);
    static final Bound ANSWER_TIMEOUT = Bound.of("upstream.answer-timeout-seconds", 0.1, 86_400);
    static final Bound MAX_RELAYS = Bound.of("upstream.max-relays", 1, 10_000);
    static final Bound MAX_QUEUED = Bound.of("upstream.max-queued", 0, 100_000);

    public void check() {
        MAX_BODY_BYTES.check(maxBodyBytes);
        MAX_LINE_BYTES.check(maxLineBytes);
        MAX_EVENT_BYTES.check(maxEventBytes);
        MAX_EVENTS.check(maxEvents);
        MAX_KEPT_BYTES.check(maxKeptBytes);
        ANSWER_TIMEOUT.check(answerTimeoutSeconds);
        MAX_RELAYS.check(maxRelays);
        MAX_QUEUED.check(maxQueued);
    }

    long answerTimeoutMillis() {
        return Math.round(answerTimeoutSeconds * 1000);
    }
}
