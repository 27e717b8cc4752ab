package dev.mantlemock.config;

import dev.mantlemock.domain.Bound;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Limits that keep the mock's resources bounded whatever clients do: slow senders, idle sockets,
 * oversized headers, and how long a shutdown waits for open streams.
 */
public final class ConnectionSettings {
    /** A connection with no traffic for this long is closed. */
    @JsonProperty("idle-timeout-seconds")
    public double idleTimeoutSeconds = 30;

    /** A request body must have fully arrived this long after the request began, or it gets 408. */
    @JsonProperty("body-read-timeout-seconds")
    public double bodyReadTimeoutSeconds = 10;

    /** Request line plus headers above this size get 431 (SigV4 with many signed headers is ~2 KB). */
    @JsonProperty("max-header-bytes")
    public int maxHeaderBytes = 16 * 1024;

    /**
     * Connections the OS queues while the mock accepts; load tests open many at once. 4096 because a
     * load generator's burst of 4096 connects overflowed 1024, and every overflowed connect waits a
     * second or more for the kernel's retry. Linux caps it at {@code net.core.somaxconn} (4096 by default).
     */
    @JsonProperty("accept-queue")
    public int acceptQueue = 4096;

    /** On shutdown, open streams are finished without their pacing delays for at most this long. */
    @JsonProperty("shutdown-grace-seconds")
    public double shutdownGraceSeconds = 5;

    static final Bound IDLE_TIMEOUT = Bound.of("connections.idle-timeout-seconds", 0.1, 86_400);
    static final Bound BODY_READ_TIMEOUT = Bound.of("connections.body-read-timeout-seconds", 0.1, 86_400);
    static final Bound MAX_HEADER_BYTES = Bound.of("connections.max-header-bytes", 1024, 1024 * 1024);
    static final Bound ACCEPT_QUEUE = Bound.of("connections.accept-queue", 1, 65_535);
    static final Bound SHUTDOWN_GRACE = Bound.of("connections.shutdown-grace-seconds", 0, 3_600);

    public void check() {
        IDLE_TIMEOUT.check(idleTimeoutSeconds);
        BODY_READ_TIMEOUT.check(bodyReadTimeoutSeconds);
        MAX_HEADER_BYTES.check(maxHeaderBytes);
        ACCEPT_QUEUE.check(acceptQueue);
        SHUTDOWN_GRACE.check(shutdownGraceSeconds);
    }

    public long idleTimeoutMillis() {
        return Math.round(idleTimeoutSeconds * 1000);
    }

    public long bodyReadTimeoutMillis() {
        return Math.round(bodyReadTimeoutSeconds * 1000);
    }

    public long shutdownGraceMillis() {
        return Math.round(shutdownGraceSeconds * 1000);
    }
}
