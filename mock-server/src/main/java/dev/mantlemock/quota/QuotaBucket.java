package dev.mantlemock.quota;

/**
 * The quota state of one account and model: an input-token, an output-token and a request window.
 * Each bucket has its own lock, held only for arithmetic (never across I/O), so different accounts
 * and models never contend.
 */
public final class QuotaBucket {
    private final String account;
    private final String model;
    private final long windowMillis;
    private final QuotaWindow input;
    private final QuotaWindow output;
    private final QuotaWindow requests;
    private TokenQuota quota;
    private long inputLimit;
    private long outputLimit;
    private long requestLimit;
    /** When the book made it (epoch millis). */
    private final long createdAt;

    QuotaBucket(String account, String model, TokenQuota quota, long windowMillis, long createdAt) {
        this.account = account;
        this.createdAt = createdAt;
        this.model = model;
        this.input = new QuotaWindow(windowMillis);
        this.output = new QuotaWindow(windowMillis);
        this.requests = new QuotaWindow(windowMillis);
        this.windowMillis = input.windowMillis();
        limits(quota);
    }

    public String account() { return account; }
    public String model() { return model; }

    synchronized TokenQuota quota() { return quota; }

    synchronized void limits(TokenQuota quota) {
        this.quota = quota;
        this.inputLimit = TokenQuota.perWindow(quota.inputTokensPerMinute(), windowMillis);
        this.outputLimit = TokenQuota.perWindow(quota.outputTokensPerMinute(), windowMillis);
        this.requestLimit = quota.limitsRequests() ? TokenQuota.perWindow(quota.requestsPerMinute(), windowMillis) : 0;
    }

    /**
     * Admits a request or says which quota refuses it and when to retry. A refused request charges
     * nothing. {@code inputCharge} is 0 for count_tokens, which only counts toward the RPM quota.
     */
    synchronized Decision admit(long inputCharge, long now) {
        if (requestLimit > 0) {
            long over = requests.used(now) + 1 - requestLimit;
            if (over > 0) {
                return Decision.refused(QuotaKind.REQUESTS, requests.millisUntilFreed(over, now));
            }
        }
        if (inputCharge > 0) {
            if (inputCharge > inputLimit) {
                return Decision.refused(QuotaKind.INPUT_TOKENS, Decision.NEVER);
            }
            long over = input.used(now) + inputCharge - inputLimit;
            if (over > 0) {
                return Decision.refused(QuotaKind.INPUT_TOKENS, input.millisUntilFreed(over, now));
            }
            long outputOver = output.used(now) + 1 - outputLimit;
            if (outputOver > 0) {
                return Decision.refused(QuotaKind.OUTPUT_TOKENS, output.millisUntilFreed(outputOver, now));
            }
        }
        if (requestLimit > 0) {
            requests.add(1, now);
        }
        return Decision.admitted(inputCharge > 0 ? input.add(inputCharge, now) : -1);
    }

    /**
     * Counts tokens about to be sent. When they do not fit (and the policy is to stop) nothing is
     * counted and false is returned: the encoder then ends the answer before them.
     */
    synchronized boolean produce(long tokens, long now, OutputExhaustion policy) {
        if (policy == OutputExhaustion.CONTINUE || tokens <= outputLimit - output.used(now)) {
            output.add(tokens, now);
            return true;
        }
        return false;
    }

    /** For an answer produced at once: counts and returns as many of {@code wanted} tokens as fit. */
    synchronized long grant(long wanted, long now, OutputExhaustion policy) {
        long granted = policy == OutputExhaustion.CONTINUE ? wanted
                : Math.max(0, Math.min(wanted, outputLimit - output.used(now)));
        output.add(granted, now);
        return granted;
    }

    /** Returns an unused part of an admission charge (the rest of the {@code max_tokens} reservation). */
    synchronized void refundInput(long tokens, long slot, long now) {
        input.refund(tokens, slot, now);
    }

    /**
     * Nothing charged within the window, and the bucket at least a window old (a bucket just made for a
     * request that has not charged it yet is not idle): it can be dropped and made afresh when next used.
     */
    synchronized boolean idle(long now) {
        return now - createdAt >= windowMillis && input.used(now) == 0 && output.used(now) == 0 && requests.used(now) == 0;
    }

    synchronized QuotaUsage usage(long now) {
        return new QuotaUsage(account, model, quota, windowMillis,
                new QuotaUsage.Window(inputLimit, input.used(now), input.millisUntilOldestExpires(now)),
                new QuotaUsage.Window(outputLimit, output.used(now), output.millisUntilOldestExpires(now)),
                requestLimit == 0 ? null
                        : new QuotaUsage.Window(requestLimit, requests.used(now), requests.millisUntilOldestExpires(now)));
    }

    /**
     * The outcome of an admission.
     *
     * @param refusedBy        the quota that refused, or null when admitted
     * @param retryAfterMillis when enough quota frees up; {@link #NEVER} if the charge exceeds the whole quota
     * @param slot             where the input charge was booked, for the refund at completion
     */
    public record Decision(QuotaKind refusedBy, long retryAfterMillis, long slot) {
        public static final long NEVER = -1;

        static Decision admitted(long slot) { return new Decision(null, 0, slot); }

        static Decision refused(QuotaKind kind, long retryAfterMillis) { return new Decision(kind, retryAfterMillis, -1); }

        public boolean admitted() { return refusedBy == null; }
    }
}
