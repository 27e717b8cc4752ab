package dev.mantlemock.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything a run can be told, from system properties ({@code -Dload.inputTokens=1000} ...), with
 * defaults that make a plain {@code gatling:test} a small, safe run against a mock it starts itself.
 */
public final class LoadSettings {
    private final Properties p;

    public LoadSettings(Properties p) {
        this.p = p;
    }

    public static LoadSettings fromSystem() {
        return new LoadSettings(System.getProperties());
    }

    /** {@code mock} (default: start one) or a base URL such as {@code https://bedrock-mantle.us-east-1.api.aws/anthropic}. */
    public String target() {
        return text("load.target", "mock");
    }

    public boolean targetIsMock() {
        return target().equals("mock");
    }

    public String region() {
        return text("load.region", "us-east-1");
    }

    public String model() {
        return text("load.model", "anthropic.claude-haiku-4-5");
    }

    /** The request shape; input tokens are calibrated with count_tokens before the run. */
    public RequestShape shape() {
        long max = number("load.maxTokens", 200);
        Long expected = expectedOutputTokens();
        return new RequestShape(number("load.inputTokens", 1000), max, expected == null ? max : expected,
                decimal("load.streamingShare", 0.2));
    }

    /** The input-TPM quota under test: the mock is started with it; against AWS, say what your account has. */
    public long quotaTpm() {
        return number("load.quotaTpm", 2_000_000);
    }

    /**
     * The input-TPM quota the started mock enforces; defaults to {@link #quotaTpm()}. Setting it apart
     * shows what a run reports when the quota is not what the plan assumes.
     */
    public long mockQuotaTpm() {
        return number("load.mockQuotaTpm", quotaTpm());
    }

    /** Expected output tokens per request; unset: measured with a few requests before the run. */
    public Long expectedOutputTokens() {
        String v = text("load.outputTokens", null);
        return v == null ? null : number("load.outputTokens", 0);
    }

    public long outputQuotaTpm() {
        return number("load.outputQuotaTpm", 500_000);
    }

    /**
     * This run is a self-check that is meant to fail its quota assertions (for instance a quota higher
     * than the plan assumes): its summary says so on every such line instead of printing FAILED.
     */
    public boolean expectFailure() {
        return Boolean.parseBoolean(text("load.expectFailure", "false"));
    }

    /** The mock's quota window in seconds; 60 is Mantle's. Shorter windows reach the steady state sooner. */
    public double windowSeconds() {
        return decimal("load.window", 60);
    }

    /** Length of each phase (conformance: each of below and above; streaming and mixed: the run). */
    public double durationSeconds() {
        return decimal("load.durationSeconds", 60);
    }

    /** Offered input TPM (admission charge) for the streaming and mixed scenarios. */
    public double targetTpm() {
        return decimal("load.targetTpm", quotaTpm() * 0.5);
    }

    public double belowFactor() {
        return decimal("load.belowFactor", 0.8);
    }

    public double aboveFactor() {
        return decimal("load.aboveFactor", 1.5);
    }

    /** "Almost no 429s": the share allowed below the quota, and the probe's threshold. */
    public double maxThrottledShare() {
        return decimal("load.maxThrottledShare", 0.01);
    }

    /** How far (absolute) the throttled share above the quota may be from the expected excess. */
    public double tolerance() {
        return decimal("load.tolerance", 0.05);
    }

    /** Each probe step's length; 0 (default): the window, then long enough to measure about 150 requests. */
    public double stepSeconds() {
        return decimal("load.stepSeconds", 0);
    }

    /** The probe's time budget: it stops after as many whole steps even if the edge is not resolved to 1% yet. */
    public double probeBudgetSeconds() {
        return decimal("load.probeBudgetSeconds", 0);
    }

    /** Whether {@code load.window} was given: if not, the probe chooses the mock's window for the shape. */
    public boolean windowGiven() {
        return text("load.window", null) != null;
    }

    /** Hard ceiling on requests a run may send; a plan that would send more refuses to start. */
    public long maxRequests() {
        return number("load.maxRequests", 100_000);
    }

    /** How long one request may take before it counts as failed. */
    public double requestTimeoutSeconds() {
        return decimal("load.requestTimeoutSeconds", 120);
    }

    /** {@code sigv4}, {@code bearer} or {@code none}; default: bearer when AWS_BEARER_TOKEN_BEDROCK is set, else SigV4. */
    public String auth() {
        return text("load.auth", System.getenv("AWS_BEARER_TOKEN_BEDROCK") != null && !targetIsMock() ? "bearer" : "sigv4");
    }

    public Path mockJar() {
        return Path.of(text("load.mockJar", "../mock-server/target/mock-server.jar"));
    }

    /** The mock's stream pacing: {@code fast} (no delays) or {@code realistic} (TTFT ~600 ms, 60 tokens/s). */
    public String mockStreaming(String fallback) {
        return text("load.mockStreaming", fallback);
    }

    public Path summaryDir() {
        return Path.of(text("load.summaryDir", "target/load-summary"));
    }

    // ---- several injectors ----------------------------------------------------------------------

    /** How many injectors (load generators, one JVM each) share the planned load; each offers 1/N of every rate. */
    public int injectors() {
        long n = number("load.injectors", 1);
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("load.injectors must be between 1 and 1000, was " + n);
        }
        return (int) n;
    }

    /** This injector's index, 0 to {@code load.injectors - 1}: it names its records. */
    public int injectorIndex() {
        long i = number("load.injectorIndex", 0);
        if (i < 0 || i >= injectors()) {
            throw new IllegalArgumentException("load.injectorIndex must be from 0 to load.injectors - 1 (" + (injectors() - 1) + "), was " + i);
        }
        return (int) i;
    }

    /** This injector's share of every arrival rate. */
    public double rateShare() {
        return 1.0 / injectors();
    }

    /**
     * The shared start, epoch milliseconds ({@code load.startAt}): every injector's load (and each probe step)
     * starts on a schedule counted from it, so their arrival rates add up. Null: start when ready (one injector).
     */
    public Long startAtMillis() {
        String v = text("load.startAt", null);
        if (v == null) {
            return null;
        }
        if (v.startsWith("file:")) {
            v = startSignal(Path.of(v.substring("file:".length())));
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : java.time.Instant.parse(v).toEpochMilli();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("load.startAt must be epoch milliseconds or an ISO instant (2026-12-07T18:30:00Z), was '" + v + "'");
        }
    }

    /** {@code load.startAt} as given (a time, or {@code file:PATH}), for the records; null when not given. */
    public String startAtSetting() {
        return text("load.startAt", null);
    }

    /**
     * {@code load.startAt=file:PATH}: the start is written to PATH once every injector is ready (by whoever
     * starts them, on a mount they share); waits for it, at most {@code load.startWaitSeconds} (default 300).
     */
    private String startSignal(Path file) {
        long until = System.currentTimeMillis() + Math.round(startWaitSeconds() * 1000);
        System.out.println("Injector " + injectorIndex() + " of " + injectors() + ": ready, waiting for the start time in " + file);
        try {
            while (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) == 0) {
                if (System.currentTimeMillis() > until) {
                    throw new IllegalStateException("no start time appeared in " + file + " within load.startWaitSeconds");
                }
                Thread.sleep(50);
            }
            return java.nio.file.Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read the start time in " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the start time", e);
        }
    }

    /** The longest an injector waits for the shared start ({@code load.startWaitSeconds}, default 300). */
    public double startWaitSeconds() {
        return decimal("load.startWaitSeconds", 300);
    }

    /** Where this injector writes its per-request records (JSONL) for the merge; default {@code <summaryDir>/records}. */
    public Path recordsDir() {
        String v = text("load.recordsDir", null);
        return v == null ? summaryDir().resolve("records") : Path.of(v);
    }

    /**
     * The admin root ({@code http://host:port}) of a mock started elsewhere, which {@code load.target} points at:
     * requests are signed as for a mock, and its {@code /_mock/metrics/seconds} is the global truth.
     */
    public String mockAdmin() {
        String v = text("load.mockAdmin", null);
        return v == null ? null : v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /** Mean answer time, seconds, to plan with instead of sampling it (several injectors must plan the same steps). */
    public Double latencySeconds() {
        String v = text("load.latencySeconds", null);
        return v == null ? null : decimal("load.latencySeconds", 0);
    }

    /** {@code on}: the mock this run starts paces answers with its latency model ({@code --latency-model on}). */
    public String mockLatencyModel() {
        return text("load.mockLatencyModel", "off");
    }

    /** A latency table for the mock this run starts ({@code --latency-table}); unset: the built-in one. */
    public String mockLatencyTable() {
        return text("load.mockLatencyTable", null);
    }

    /**
     * Streamed requests of the quota runs read as events (TTFT measured) rather than whole (default true). Gatling's
     * SSE does not expose the HTTP status: a stream refused before it opened counts as a 429 (see docs/load-tests.md).
     */
    public boolean streamEvents() {
        return Boolean.parseBoolean(text("load.streamEvents", "true"));
    }

    /** Several injectors must plan identical steps: what they would otherwise each measure must be given. */
    public void checkInjectors() {
        injectorIndex();
        if (injectors() > 1 && text("load.startAt", null) == null) {
            throw new IllegalArgumentException("load.injectors=" + injectors() + " needs load.startAt, the same on every injector"
                    + " (epoch milliseconds or an ISO instant a little after the last one has started)");
        }
        if (injectors() > 1 && (expectedOutputTokens() == null || latencySeconds() == null)) {
            throw new IllegalArgumentException("load.injectors=" + injectors() + " needs load.outputTokens and load.latencySeconds,"
                    + " the same on every injector, so all plan the same steps (a one-injector run prints both)");
        }
    }

    String text(String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    long number(String key, long fallback) {
        String v = text(key, null);
        try {
            return v == null ? fallback : Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    double decimal(String key, double fallback) {
        String v = text(key, null);
        try {
            return v == null ? fallback : Double.parseDouble(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "target=%s model=%s shape=%s quotaTpm=%d window=%.1fs", target(), model(), shape(), quotaTpm(), windowSeconds());
    }
}
