package dev.mantlemock.kit;

import dev.mantlemock.auth.AuthMode;
import dev.mantlemock.config.MockConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How a test's mock is started: the attributes of {@code @MantleMockTest}, or set in code. Anything else
 * of {@link MockConfig} can be changed with {@link #configure}.
 */
public final class MantleMockOptions {
    /** The journal keeps whole bodies up to this size, so verification can read every request it sees. */
    static final int JOURNAL_BODY_BYTES = 1024 * 1024;

    private String profile = "preview";
    private String auth = "lenient";
    private boolean quotas = true;
    private String fixtures = "none";
    private String streaming = "fast";
    private Long seed;
    private boolean strict;
    private Consumer<MockConfig> extra = c -> {};

    public static MantleMockOptions defaults() {
        return new MantleMockOptions();
    }

    /** The feature profile: {@code preview} (default) or {@code ga}. */
    public MantleMockOptions profile(String name) {
        this.profile = name;
        return this;
    }

    /** Strict mode for every test: a Messages request no stub matched fails the test ({@link MantleMock#strict}). */
    public MantleMockOptions strict(boolean on) {
        this.strict = on;
        return this;
    }

    boolean isStrict() {
        return strict;
    }

    /** {@code lenient} (default: any well-formed credentials), {@code strict} or {@code off}. */
    public MantleMockOptions auth(String mode) {
        this.auth = mode;
        return this;
    }

    /** Whether the token quotas are enforced (default true, with Bedrock's default sizes). */
    public MantleMockOptions quotas(boolean enforced) {
        this.quotas = enforced;
        return this;
    }

    /** A directory of fixture files, {@code shipped} for the project's own, or {@code none} (default). */
    public MantleMockOptions fixtures(String setting) {
        this.fixtures = setting;
        return this;
    }

    public MantleMockOptions fixtures(Path dir) {
        return fixtures(dir.toString());
    }

    /** The streaming preset: {@code fast} (default, no pacing) or {@code realistic}. */
    public MantleMockOptions streaming(String preset) {
        this.streaming = preset;
        return this;
    }

    /** The seed of the answer generator and of probabilistic faults: the same seed, the same answers. */
    public MantleMockOptions seed(long value) {
        this.seed = value;
        return this;
    }

    /** Any other setting, applied last. */
    public MantleMockOptions configure(Consumer<MockConfig> more) {
        this.extra = this.extra.andThen(more);
        return this;
    }

    MockConfig toConfig() {
        MockConfig c = new MockConfig();
        c.host = "127.0.0.1";
        c.port = 0;
        c.profile = profile;
        c.auth.mode = AuthMode.valueOf(auth.toUpperCase(Locale.ROOT));
        c.quota.enabled = quotas;
        c.fixtures = fixtures;
        c.streaming.preset = streaming;
        if (seed != null) {
            c.generator.seed = seed;
            c.faults.seed = seed;
        }
        c.journal.maxBodyBytes = JOURNAL_BODY_BYTES;
        extra.accept(c);
        return c;
    }
}
