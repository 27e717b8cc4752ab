package dev.mantlemock.kit;

import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.quota.QuotaExceeded;
import dev.mantlemock.quota.TokenQuota;

/**
 * A change to the mock's quota settings, as {@code PUT /_mock/quotas} makes one: what is not set keeps its
 * value. Applied with {@link MantleMock#quota(Quota)}; a reset brings back the configured quotas.
 */
public final class Quota {
    private Long input;
    private Long output;
    private Long requests;
    private Double windowSeconds;
    private Boolean retryAfter;
    private Boolean rateLimitHeaders;
    private QuotaExceeded onExceeded;
    private Long maxQueueWaitMillis;

    Quota() {}

    public Quota inputTokensPerMinute(long tokens) {
        this.input = tokens;
        return this;
    }

    public Quota outputTokensPerMinute(long tokens) {
        this.output = tokens;
        return this;
    }

    /** 0 turns the RPM quota off (Mantle has none by default). */
    public Quota requestsPerMinute(long count) {
        this.requests = count;
        return this;
    }

    /** A shorter window for a fast test: every per-minute quota is scaled to it. */
    public Quota windowSeconds(double seconds) {
        this.windowSeconds = seconds;
        return this;
    }

    /** Whether a quota 429 carries {@code retry-after} (default true). */
    public Quota retryAfter(boolean send) {
        this.retryAfter = send;
        return this;
    }

    /** Whether answers carry the {@code anthropic-ratelimit-*} headers (default false). */
    public Quota rateLimitHeaders(boolean send) {
        this.rateLimitHeaders = send;
        return this;
    }

    /** Over the quota, refuse at once with a 429 (the default). */
    public Quota throttle() {
        this.onExceeded = QuotaExceeded.THROTTLE;
        return this;
    }

    /** Over the quota, admit late: wait for room up to {@code maxWaitSeconds} (0 to 3,600), then the usual 429. */
    public Quota queueUpTo(double maxWaitSeconds) {
        QuotaConfig c = new QuotaConfig();
        c.maxQueueWaitSeconds = maxWaitSeconds;
        this.maxQueueWaitMillis = c.maxQueueWaitMillis(); // checks the bounds now, where the test wrote it
        this.onExceeded = QuotaExceeded.QUEUE;
        return this;
    }

    /** The settings after this change; quotas are switched on. */
    QuotaBook.Settings over(QuotaBook.Settings now) {
        TokenQuota d = now.defaults();
        long window = now.windowMillis();
        if (windowSeconds != null) {
            QuotaConfig c = new QuotaConfig();
            c.windowSeconds = windowSeconds;
            window = c.windowMillis();
        }
        return new QuotaBook.Settings(true, window,
                new TokenQuota(input != null ? input : d.inputTokensPerMinute(), output != null ? output : d.outputTokensPerMinute(),
                        requests != null ? requests : d.requestsPerMinute()),
                now.overrides(), retryAfter != null ? retryAfter : now.retryAfter(),
                rateLimitHeaders != null ? rateLimitHeaders : now.rateLimitHeaders(), now.onOutputExhausted(),
                onExceeded != null ? onExceeded : now.onQuotaExceeded(),
                maxQueueWaitMillis != null ? maxQueueWaitMillis : now.maxQueueWaitMillis());
    }
}
