package dev.mantlemock.quota;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.OutputTokenMeter;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import dev.mantlemock.pipeline.StageWait;
import java.util.HashMap;
import java.util.Map;

/**
 * Charges a request to its account and model before any work is done (AWS Mantle quotas page):
 * input tokens plus {@code max_tokens} against the input-token quota, and one request against the
 * optional RPM quota. count_tokens generates nothing, so it only counts toward RPM. A refusal is a
 * 429 {@code rate_limit_error}; a charge larger than the whole quota is a 400, because waiting
 * would never help and SDKs must not retry it. In queue mode ({@link QuotaExceeded#QUEUE}) a refused
 * request waits for room instead, up to the configured wait, then gets the same 429.
 */
public final class QuotaAdmission implements Stage {
    private final QuotaBook book;

    public QuotaAdmission(QuotaBook book) {
        this.book = book;
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.MESSAGE, Slot.MODEL, Slot.PRINCIPAL, Slot.INPUT_TOKENS).andProvides(Slot.OUTPUT_METER);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.outputMeter(OutputTokenMeter.UNLIMITED);
        QuotaBook.Settings settings = book.settings();
        if (!settings.enabled()) {
            if (exchange.waits() > 0) {
                book.leaveQueue(true); // quotas were switched off while it waited: it leaves the queue admitted
            }
            return;
        }
        boolean charged = exchange.endpoint() == Endpoint.MESSAGES;
        long maxTokens = charged ? exchange.message().maxTokens() : 0;
        long input = charged ? exchange.inputTokens().chargeable() : 0;
        long charge = input + maxTokens;
        QuotaBucket bucket = book.bucket(exchange.principal().accountId(), exchange.model().id());

        QuotaBucket.Decision decision = bucket.admit(charge, book.now());
        boolean wasWaiting = exchange.waits() > 0;
        if (!decision.admitted()) {
            if (mayWait(decision, exchange, settings)) {
                // Queue mode: come back when the window should have room; no thread is held meanwhile.
                throw new StageWait(decision.retryAfterMillis());
            }
            if (wasWaiting) {
                book.leaveQueue(false);
            }
            book.countThrottled(decision.refusedBy());
            throw refusal(decision, bucket, input, maxTokens, settings);
        }
        if (wasWaiting) {
            book.leaveQueue(true);
        }
        if (settings.rateLimitHeaders()) {
            RateLimitHeaders.of(bucket.usage(book.now()), book.clock()).forEach(exchange::responseHeader);
        }
        if (charged) {
            QuotaSettlement settlement = new QuotaSettlement(book, bucket, decision.slot(), charge, maxTokens,
                    settings.onOutputExhausted());
            exchange.outputMeter(settlement);
            exchange.onComplete(settlement);
        }
    }

    /**
     * Whether a refused request waits (queue mode): only for a quota that frees up with time, only
     * while the wait so far plus the time until room stays within the limit, and only while the queue
     * has room.
     */
    private boolean mayWait(QuotaBucket.Decision d, Exchange exchange, QuotaBook.Settings settings) {
        if (settings.onQuotaExceeded() != QuotaExceeded.QUEUE || d.retryAfterMillis() <= 0) {
            return false;
        }
        long waitedMillis = (System.nanoTime() - exchange.startNanos()) / 1_000_000;
        if (waitedMillis + d.retryAfterMillis() > settings.maxQueueWaitMillis()) {
            return false;
        }
        return exchange.waits() > 0 || book.enterQueue();
    }

    private ApiException refusal(QuotaBucket.Decision d, QuotaBucket bucket, long input, long maxTokens,
                                 QuotaBook.Settings settings) {
        if (d.retryAfterMillis() == QuotaBucket.Decision.NEVER) {
            QuotaUsage.Window w = bucket.usage(book.now()).inputTokens();
            return ApiException.of(ApiError.OVER_WHOLE_QUOTA, input + maxTokens, input, maxTokens, w.limit(), bucket.model());
        }
        Map<String, String> headers = new HashMap<>();
        if (settings.retryAfter()) {
            headers.put("retry-after", Long.toString(Math.max(1, (d.retryAfterMillis() + 999) / 1000)));
        }
        if (settings.rateLimitHeaders()) {
            headers.putAll(RateLimitHeaders.of(bucket.usage(book.now()), book.clock()));
        }
        return ApiException.of(d.refusedBy().refusal()).withHeaders(headers);
    }
}
