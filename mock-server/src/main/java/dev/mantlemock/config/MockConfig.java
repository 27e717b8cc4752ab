package dev.mantlemock.config;

import dev.mantlemock.domain.Bound;
import dev.mantlemock.api.validation.ValidationSettings;
import dev.mantlemock.answer.GeneratorSettings;
import dev.mantlemock.wire.ResponseSettings;
import dev.mantlemock.wire.StreamingSettings;
import dev.mantlemock.thinking.ThinkingSettings;
import dev.mantlemock.tokens.PromptCacheSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.ConfigException;
import dev.mantlemock.admin.AdminConfig;
import dev.mantlemock.admin.JournalConfig;
import dev.mantlemock.auth.AuthConfig;
import dev.mantlemock.faults.FaultsConfig;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.policy.ModelEntry;
import dev.mantlemock.recording.RecordSettings;
import dev.mantlemock.drift.CompareSettings;
import dev.mantlemock.fixtures.FixtureSettings;
import dev.mantlemock.upstream.UpstreamSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a user can set, read from a YAML (or JSON) file with {@code --config} and overridden by
 * flags. Every field has the documented default, so an empty file is a valid config.
 * Unknown keys fail the start with the file name and the key, so a typo never silently does nothing.
 */
public final class MockConfig {
    /** Address to bind; loopback unless told otherwise, so a laptop mock is not exposed. */
    public String host = "127.0.0.1";

    /**
     * The URL clients reach the mock by, for the ready line, where the bound address is not it (every
     * interface, a port mapping, a compose service): {@code http://mantle-mock:8080}. Null: the bound address.
     */
    @JsonProperty("advertised-url")
    public String advertisedUrl;

    /** Port to listen on; 0 picks a free one. */
    public int port = 8080;

    /** The AWS region the mock pretends to be (SigV4 scope, ARNs). */
    public String region = "us-east-1";

    /** Feature profile: {@code preview} (research-preview page) or {@code ga} (the later page). */
    public String profile = "preview";

    /**
     * Directory of fixture files, {@code shipped} (the project's {@code fixtures/}, built into the jar) or
     * {@code none}. Null (in-process, unset) loads none; {@code java -jar} makes an unset value {@code shipped}.
     */
    public String fixtures;

    /** Bodies above this many bytes get 413 {@code request_too_large} (first-party limit: 32 MB). */
    @JsonProperty("max-body-bytes")
    public long maxBodyBytes = 32L * 1024 * 1024;

    public ConnectionSettings connections = new ConnectionSettings();

    /** How fixture files load (a bad one skipped or fatal) and the byte and match-step bounds of fixtures. */
    @JsonProperty("fixture-limits")
    public FixtureSettings fixtureLimits = new FixtureSettings();

    public ValidationSettings validation = new ValidationSettings();

    public StreamingSettings streaming = new StreamingSettings();

    /** How the SDK-declared nullable fields of responses are written (docs/api.md, "Response shape"). */
    public ResponseSettings responses = new ResponseSettings();

    /** Signing and checking thinking blocks (docs/api.md, "Thinking blocks"). */
    public ThinkingSettings thinking = new ThinkingSettings();

    public GeneratorSettings generator = new GeneratorSettings();

    /** Token and request quotas per account and model (docs/quotas.md). */
    public QuotaConfig quota = new QuotaConfig();

    /** Fault injection: the x-mock-fault header and rules in force from start (docs/faults.md). */
    public FaultsConfig faults = new FaultsConfig();

    /** The bounded request journal behind GET /_mock/requests. */
    public JournalConfig journal = new JournalConfig();

    /** Access to the /_mock/ admin API (docs/admin-api.md). */
    public AdminConfig admin = new AdminConfig();

    @JsonProperty("prompt-cache")
    public PromptCacheSettings promptCache = new PromptCacheSettings();

    /** Authentication: mode, principals, tokens (docs/auth.md). Its region is {@link #region}. */
    public AuthConfig auth = new AuthConfig();

    /** Record and replay: the upstream to record from, where recordings go, what a replay miss does. */
    public RecordSettings record = new RecordSettings();

    /** Compare mode: the upstream every request also goes to, and the drift log. */
    public CompareSettings compare = new CompareSettings();

    /** What record and compare modes read, keep and wait for of an upstream's answer (docs/robustness.md). */
    public UpstreamSettings upstream = new UpstreamSettings();

    /**
     * Credentials for the upstream of record and compare modes, for in-process users (tests); null (the
     * default, and always from a file or flags): {@code AWS_BEARER_TOKEN_BEDROCK}, else the AWS default chain.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider upstreamCredentials;

    /** Models added to the built-in catalogue, or changes to a built-in model (by id, only the keys given). */
    public List<ModelEntry> models = new ArrayList<>();

    /**
     * {@code refuse} (404, as Mantle answers a model it does not serve) or {@code serve}: the built-in
     * models AWS does not list for bedrock-mantle ({@code on-mantle: unlisted} in {@code models.yaml}).
     */
    @JsonProperty("off-mantle-models")
    public String offMantleModels = "refuse";

    /** Whether {@link #offMantleModels} says {@code serve}; any value but the two is refused. */
    public boolean servesOffMantleModels() {
        if (!offMantleModels.equals("refuse") && !offMantleModels.equals("serve")) {
            throw new ConfigException("off-mantle-models must be 'refuse' or 'serve', not '" + offMantleModels + "'");
        }
        return offMantleModels.equals("serve");
    }

    /**
     * Every value against its bounds, each settings class with its own table: the same check the admin
     * API makes, so no setting can start a mock that fails every request. Throws the 400 it would send.
     */
    public void check() {
        validation.check();
        responses.check();
        thinking.check();
        connections.check();
        streaming.check();
        promptCache.check();
        journal.check();
        quota.windowMillis();
        quota.maxQueueWaitMillis();
        quota.defaults();
        MAX_BODY_BYTES.check(maxBodyBytes);
        record.check();
        if (advertisedUrl != null) {
            AdvertisedUrl.of(this, host, port);
        }
        upstream.check();
        compare.check();
        fixtureLimits.check();
        if (record.from != null && compare.with != null) {
            throw new ConfigException("--record-from and --compare-with cannot be used together: record first, then compare"
                    + " against the recordings' source");
        }
    }

    static final Bound MAX_BODY_BYTES = Bound.of("max-body-bytes", 1024, 1L << 30);
}
