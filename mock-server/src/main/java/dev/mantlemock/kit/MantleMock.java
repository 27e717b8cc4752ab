package dev.mantlemock.kit;

import dev.mantlemock.admin.MockControls;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.server.MockServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The answer stubs added since the last reset, by id: what the kit's own stub check reads. */
    private final Map<String, Stub.Answer> answers = new ConcurrentHashMap<>();
    /** Whether {@link #strict} was asked for: by the options (kept across resets) or by the test (until the reset). */
    private final boolean strictByOptions;
    private volatile boolean strict;

    private MantleMock(MockServer server, boolean strict) {
        this.server = server;
        this.info = MantleMockInfo.of(server.baseUrl(), server.port());
        this.strictByOptions = strict;
        this.strict = strict;
    }

    public static MantleMock start() {
        return start(MantleMockOptions.defaults());
    }

    public static MantleMock start(MantleMockOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** With a clock of the test's: signature skew, quota windows and cache lifetimes all read it. */
    public static MantleMock start(MantleMockOptions options, Clock clock) {
        return new MantleMock(MockServer.start(options.toConfig(), clock), options.isStrict());
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

    /**
     * Adds an answer (a fixture, tried before every other, newest first) or a failure (a fault rule), and
     * returns its id and description: for {@link #removeStub}, {@code requestsAnsweredBy(id)} and failure messages.
     */
    public StubInfo stubFor(Stub stub) {
        try {
            if (stub instanceof Stub.Answer a) {
                String id = a.id() != null ? a.id() : "stub-" + stubs.incrementAndGet();
                if (controls().fixtures().added().stream().anyMatch(f -> f.name.equals(id))) {
                    throw new IllegalArgumentException("a stub named '" + id + "' is already in force; remove it first (removeStub)");
                }
                controls().fixtures().add(a.toFixture(id));
                answers.put(id, a);
                return new StubInfo(id, StubInfo.Kind.ANSWER, a.toString());
            }
            Stub.Failure f = (Stub.Failure) stub;
            return new StubInfo(controls().faults().add(f.spec()).id(), StubInfo.Kind.FAILURE, f.toString());
        } catch (ApiException e) {
            throw new IllegalArgumentException(stub + ": " + e.getMessage(), e);
        }
    }

    /** The stubs in force: answers newest first (the order they are tried in), then failures in the order added. */
    public List<StubInfo> stubs() {
        List<StubInfo> out = new ArrayList<>();
        controls().fixtures().added().forEach(f -> out.add(new StubInfo(f.name, StubInfo.Kind.ANSWER, f.description)));
        controls().faults().list(null).forEach(r -> out.add(new StubInfo(r.id(), StubInfo.Kind.FAILURE, r.kind().wireName()
                + (r.model() == null ? "" : " for model " + r.model()) + (r.stub() == null ? "" : " for the requests stub " + r.stub() + " answers")
                + (r.remaining() == null ? "" : ", " + r.remaining() + " more"))));
        return out;
    }

    /** Removes one stub (an answer or a failure) by id; false when there is none of that id. */
    public boolean removeStub(String id) {
        answers.remove(id);
        return controls().fixtures().remove(id) || controls().faults().remove(id);
    }

    /**
     * Strict mode until the next reset: {@link #assertEveryRequestMatchedAStub} runs when the test ends (the
     * JUnit extension calls it after each test; without JUnit call it yourself).
     */
    public MantleMock strict() {
        this.strict = true;
        return this;
    }

    public boolean isStrict() {
        return strict;
    }

    /**
     * Fails when a Messages request was answered by neither a stub (or fixture) nor a failure stub, naming each
     * such request and the stub that came closest, condition by condition.
     */
    public void assertEveryRequestMatchedAStub() {
        List<RecordedRequest> unmatched = requests().stream()
                .filter(r -> r.isMessages() && !r.isPending() && r.status() == 200 && !r.matchedAStub()).toList();
        if (!unmatched.isEmpty()) {
            StringBuilder message = new StringBuilder("strict: " + unmatched.size() + " request(s) matched no stub:");
            unmatched.forEach(r -> message.append("\n  ").append(r.describe()).append("\n      ")
                    .append(NearMiss.closest(r, allFixtures()).orElse("no stub is in force")));
            throw new AssertionError(message.toString());
        }
    }

    /**
     * Fails when a stub's answer broke a rule of the request it matched (a call of a tool the request does not
     * offer, an input its {@code input_schema} refuses, text before a forced call, ...): the mock refused it
     * with a mock error, and this names the stub and the rule ({@link StubViolations}).
     */
    public void assertStubsHeldToRequests() {
        List<String> problems = StubViolations.in(requests());
        if (!problems.isEmpty()) {
            throw new AssertionError("stubs answered what the request does not allow:\n  " + String.join("\n  ", problems));
        }
    }

    /** The verdicts on how the client met this test's failures, from the journal ({@link #assertClientWasResilient}). */
    public ResilienceReport resilienceReport() {
        return resilienceReport(Resilience.defaults());
    }

    public ResilienceReport resilienceReport(Resilience bounds) {
        return new ResilienceVerdicts(requests(), bounds).judge();
    }

    /**
     * Fails unless the client met every failure of this test well: it waited {@code retry-after} after a 429,
     * retried 529 and 5xx with backoff and within a bound, never retried a 400 or 403, honoured
     * {@code x-should-retry: false}, and did not take a cut stream as complete. The message names each failed verdict.
     */
    public void assertClientWasResilient() {
        assertClientWasResilient(Resilience.defaults());
    }

    public void assertClientWasResilient(Resilience bounds) {
        ResilienceReport report = resilienceReport(bounds);
        if (!report.passed()) {
            throw new AssertionError("the client was not resilient: it failed "
                    + report.failed().stream().map(v -> "'" + v.name() + "'").reduce((x, y) -> x + ", " + y).orElse("") + "\n" + report);
        }
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
            throw failure("expected at least one of " + pattern + ", found none", pattern);
        }
    }

    /** Exactly {@code count} requests matched. */
    public void verify(int count, RequestPattern pattern) {
        List<RecordedRequest> found = await(pattern, n -> n == count);
        if (found.size() != count) {
            throw failure("expected " + count + " of " + pattern + ", found " + found.size(), pattern);
        }
    }

    /** Back to the configured state: no stubs, rules or quota changes, an empty journal and prompt cache. */
    public void reset() {
        controls().reset();
        answers.clear();
        strict = strictByOptions;
    }

    @Override
    public void close() {
        server.close();
    }

    private MockControls controls() {
        return server.controls();
    }

    private static boolean matches(RequestPattern pattern, RecordedRequest r) {
        return pattern.matches(r);
    }

    /** The stubs and then the files' fixtures, in the order they are tried. */
    private List<dev.mantlemock.fixtures.Fixture> allFixtures() {
        List<dev.mantlemock.fixtures.Fixture> all = new ArrayList<>(controls().fixtures().added());
        all.addAll(controls().fixtures().all());
        return all;
    }

    /** The matches once their count is as expected, or after a brief wait (the last entry may still be being written). */
    private List<RecordedRequest> await(RequestPattern pattern, java.util.function.IntPredicate done) {
        return JournalWait.until(() -> findAll(pattern), found -> done.test(found.size()));
    }

    /** What a failed verify says: each request in full, where it differs from the pattern, and the stub it met or came closest to. */
    private AssertionError failure(String what, RequestPattern pattern) {
        StringBuilder message = new StringBuilder(what).append(". Received:");
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            message.append(" nothing");
        }
        for (RecordedRequest r : all) {
            message.append("\n  ").append(r.describe()).append(NearMiss.fromPattern(r, pattern));
            if (r.isMessages() && !r.matchedAStub()) {
                NearMiss.closest(r, allFixtures()).ifPresent(near -> message.append("\n      ").append(near));
            }
        }
        return new AssertionError(message.toString());
    }
}
