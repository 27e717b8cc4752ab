package dev.mantlemock.quota;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.Bound;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code quota:} section of the mock's YAML config. Public fields with defaults, so Jackson can
 * fill any subset of it. Defaults come from {@link TokenQuota#MANTLE_DEFAULT}.
 */
public final class QuotaConfig {
    /** Turns quota admission off entirely (no 429s from quotas, no output cut-off). */
    public boolean enabled = true;
    /** Length of the sliding window; per-minute quotas are scaled by the same factor (6 s holds a tenth). */
    @JsonProperty("window-seconds")
    public double windowSeconds = 60;
    @JsonProperty("input-tokens-per-minute")
    public long inputTokensPerMinute = TokenQuota.MANTLE_DEFAULT.inputTokensPerMinute();
    @JsonProperty("output-tokens-per-minute")
    public long outputTokensPerMinute = TokenQuota.MANTLE_DEFAULT.outputTokensPerMinute();
    /** 0 = no requests-per-minute quota, as Mantle documents. */
    @JsonProperty("requests-per-minute")
    public long requestsPerMinute = TokenQuota.MANTLE_DEFAULT.requestsPerMinute();
    /** Per account and/or model limits; the most specific match wins. */
    public List<Override> overrides = new ArrayList<>();
    /** Whether a quota 429 carries {@code retry-after} (unknown for Mantle; SDKs retry either way). */
    @JsonProperty("retry-after")
    public boolean retryAfter = true;
    /** Whether responses carry {@code anthropic-ratelimit-*} headers (first-party sends them; Mantle unknown). */
    @JsonProperty("rate-limit-headers")
    public boolean rateLimitHeaders = false;
    @JsonProperty("on-output-exhausted")
    public OutputExhaustion onOutputExhausted = OutputExhaustion.STOP;
    /** Refuse a request over the quota at once (throttle, default) or let it wait for room (queue). */
    @JsonProperty("on-quota-exceeded")
    public QuotaExceeded onQuotaExceeded = QuotaExceeded.THROTTLE;
    /** In queue mode, the longest a request waits for room before it gets the usual 429. */
    @JsonProperty("max-queue-wait-seconds")
    public double maxQueueWaitSeconds = 10;

    /** Up to an hour: a wait longer than any client's timeout would only hold memory. */
    public static final Bound MAX_QUEUE_WAIT_SECONDS = Bound.of("maxQueueWaitSeconds", 0, 3_600);

    public long maxQueueWaitMillis() {
        return Math.round(MAX_QUEUE_WAIT_SECONDS.check(maxQueueWaitSeconds) * 1000);
    }

    public TokenQuota defaults() {
        return new TokenQuota(inputTokensPerMinute, outputTokensPerMinute, requestsPerMinute);
    }

    /** A tenth of a second at least: the window has 60 slots, each a whole number of milliseconds. */
    public static final Bound WINDOW_SECONDS = Bound.of("windowSeconds", 0.1, 86_400);

    public long windowMillis() {
        return Math.round(WINDOW_SECONDS.check(windowSeconds) * 1000);
    }

    /** Limits for one account and/or model; null fields fall back to the defaults. */
    public static final class Override {
        /** A 12-digit account id, or null / "*" for every account. */
        public String account;
        /** A model id, or null / "*" for every model. */
        public String model;
        @JsonAlias("input-tokens-per-minute")
        public Long inputTokensPerMinute;
        @JsonAlias("output-tokens-per-minute")
        public Long outputTokensPerMinute;
        @JsonAlias("requests-per-minute")
        public Long requestsPerMinute;

        public Override() {}

        public Override(String account, String model, Long input, Long output, Long requests) {
            this.account = account;
            this.model = model;
            this.inputTokensPerMinute = input;
            this.outputTokensPerMinute = output;
            this.requestsPerMinute = requests;
        }

        TokenQuota over(TokenQuota base) {
            return new TokenQuota(
                    inputTokensPerMinute != null ? inputTokensPerMinute : base.inputTokensPerMinute(),
                    outputTokensPerMinute != null ? outputTokensPerMinute : base.outputTokensPerMinute(),
                    requestsPerMinute != null ? requestsPerMinute : base.requestsPerMinute());
        }

        boolean matches(String account, String model) {
            return (isAny(this.account) || this.account.equals(account)) && (isAny(this.model) || this.model.equals(model));
        }

        /** 2 for account and model, 1 for account only, 0 for model only, -1 for neither. */
        int specificity() {
            return (isAny(account) ? 0 : 2) + (isAny(model) ? 0 : 1) - 1;
        }

        static boolean isAny(String s) {
            return s == null || s.isEmpty() || s.equals("*");
        }
    }
}
