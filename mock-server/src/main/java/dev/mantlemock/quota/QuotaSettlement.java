package dev.mantlemock.quota;

import dev.mantlemock.domain.Completion;
import dev.mantlemock.pipeline.OutputTokenMeter;
import java.util.function.Consumer;

/**
 * The quota side of one admitted Messages request: counts output tokens as the encoder produces them,
 * and at completion returns the unused part of the {@code max_tokens} reservation. One object per
 * request serves as both the output meter and the completion listener.
 */
final class QuotaSettlement implements OutputTokenMeter, Consumer<Completion> {
    private final QuotaBook book;
    private final QuotaBucket bucket;
    private final long slot;
    private final long charged;
    private final long maxTokens;
    private final OutputExhaustion policy;
    private long metered;

    QuotaSettlement(QuotaBook book, QuotaBucket bucket, long slot, long charged, long maxTokens, OutputExhaustion policy) {
        this.book = book;
        this.bucket = bucket;
        this.slot = slot;
        this.charged = charged;
        this.maxTokens = maxTokens;
        this.policy = policy;
    }

    @Override
    public boolean produced(int tokens) {
        boolean fits = bucket.produce(tokens, book.now(), policy);
        if (fits) {
            metered += tokens;
        }
        return fits;
    }

    @Override
    public int grant(int wanted) {
        int granted = (int) bucket.grant(wanted, book.now(), policy);
        metered += granted;
        return granted;
    }

    @Override
    public void accept(Completion completion) {
        long now = book.now();
        if (completion.status() >= 400) {
            // Nothing was served (a fault or a later stage refused it): the whole charge goes back.
            bucket.refundInput(charged, slot, now);
            return;
        }
        long unmetered = completion.outputTokens() - metered;
        if (unmetered > 0) {
            // An encoder that reported tokens only at the end still counts against the output quota.
            bucket.produce(unmetered, now, OutputExhaustion.CONTINUE);
        }
        long used = Math.min(maxTokens, Math.max(metered, completion.outputTokens()));
        bucket.refundInput(maxTokens - used, slot, now);
    }
}
