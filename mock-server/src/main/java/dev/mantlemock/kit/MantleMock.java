package dev.mantlemock.kit;

import dev.mantlemock.admin.MockControls;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.server.MockServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock of Claude in Amazon Bedrock running in this JVM on a free loopback port, and the handle a test
 * drives it with: {@link #stubFor} answers and faults, {@link #quota} limits, {@link #verify} what was
 * asked, {@link #reset} back to a clean state. Stubs become fixtures and fault rules in the mock's own
 * model, the same ones {@code POST /_mock/fixtures} and {@code POST /_mock/faults} make.
 */
public final class MantleMock implements AutoCloseable {
    private final MockServer server;
    private final MantleMockInfo info;
    private static final long SETTLE_NANOS = 5_000_000_000L;

    private final AtomicLong stubs = new AtomicLong();

    private MantleMock(MockServer server) {
        this.server = server;
        this.info = MantleMockInfo.of(server.baseUrl(), server.port());
    }

    public static MantleMock start() {
        return start(MantleMockOptions.defaults());
    }

    public static MantleMock start(MantleMockOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** With a clock of the test's: signature skew, quota windows and cache lifetimes all read it. */
    public static MantleMock start(MantleMockOptions options, Clock clock) {
        return new MantleMock(MockServer.start(options.toConfig(), clock));
    }

    public MantleMockInfo info() {
        return info;
    }

    /** {@code http://127.0.0.1:PORT/anthropic}: what the SDKs take as base URL. */
    public String baseUrl() {
        return info.baseUrl();
    }

    public int port() {
        return info.port();
    }

    /** The server itself, for what the DSL does not cover (its admin API is at {@link MantleMockInfo#adminUrl}). */
    public MockServer server() {
        return server;
    }

    /** Adds an answer (a fixture, tried before every other, newest first) or a failure (a fault rule). */
    public MantleMock stubFor(Stub stub) {
        try {
            if (stub instanceof Stub.Answer a) {
                controls().fixtures().add(a.reply().toFixture("stub-" + stubs.incrementAndGet(), a.pattern()));
            } else if (stub instanceof Stub.Failure f) {
                controls().faults().add(f.spec());
            }
        } catch (ApiException e) {
            throw new IllegalArgumentException(stub + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Changes the quotas for every account and model; what is not set keeps its value. */
    public MantleMock quota(Quota change) {
        try {
            controls().quotas().update(change.over(controls().quotas().settings()));
        } catch (ApiException e) {
            throw new IllegalArgumentException("quota: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Every request received since the start or the last reset, oldest first (Messages and count_tokens).
     * Waits (at most 5 s) for the exchanges in flight to complete, so a request whose answer the client
     * has just read shows how it was answered; one still being answered after that is shown pending.
     */
    public List<RecordedRequest> requests() {
        controls().journal().settle(SETTLE_NANOS);
        return controls().journal().entries(null, Integer.MAX_VALUE).stream().map(RecordedRequest::new).toList();
    }

    /** The Messages requests the pattern matches, oldest first. */
    public List<RecordedRequest> findAll(RequestPattern pattern) {
        return requests().stream().filter(r -> r.isMessages() && matches(pattern, r)).toList();
    }

    /** At least one request matched: fails with what was received otherwise. */
    public void verify(RequestPattern pattern) {
        List<RecordedRequest> found = await(pattern, n -> n >= 1);
        if (found.isEmpty()) {
            throw failure("expected at least one of " + pattern + ", found none");
        }
    }

    /** Exactly {@code count} requests matched. */
    public void verify(int count, RequestPattern pattern) {
        List<RecordedRequest> found = await(pattern, n -> n == count);
        if (found.size() != count) {
            throw failure("expected " + count + " of " + pattern + ", found " + found.size());
        }
    }

    /** Back to the configured state: no stubs, rules or quota changes, an empty journal and prompt cache. */
    public void reset() {
        controls().reset();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockControls controls() {
        return server.controls();
    }

    private static boolean matches(RequestPattern pattern, RecordedRequest r) {
        return r.request().map(m -> pattern.matches(m, r.header("x-mock-scenario").orElse(null))).orElse(false);
    }

    /** The matches once their count is as expected, or after a brief wait (the last entry may still be being written). */
    private List<RecordedRequest> await(RequestPattern pattern, java.util.function.IntPredicate done) {
        return JournalWait.until(() -> findAll(pattern), found -> done.test(found.size()));
    }

    private AssertionError failure(String what) {
        StringBuilder message = new StringBuilder(what).append(". Received:");
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            message.append(" nothing");
        }
        all.forEach(r -> message.append("\n  ").append(r));
        return new AssertionError(message.toString());
    }
}
