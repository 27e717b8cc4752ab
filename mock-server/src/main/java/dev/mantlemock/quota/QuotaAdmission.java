package dev.mantlemock.quota;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.OutputTokenMeter;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * Charges a request to its account and model before any work is done (AWS Mantle quotas page):
 * input tokens plus {@code max_tokens} against the input-token quota, and one request against the
 * optional RPM quota. count_tokens generates nothing, so it only counts toward RPM. A refusal is a
 * 429 {@code rate_limit_error}; a charge larger than the whole quota is a 400, because waiting
 * would never help and SDKs must not retry it.
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
            return;
        }
        boolean charged = exchange.endpoint() == Endpoint.MESSAGES;
        long maxTokens = charged ? exchange.message().maxTokens() : 0;
        long input = charged ? exchange.inputTokens().chargeable() : 0;
        long charge = input + maxTokens;
        QuotaBucket bucket = book.bucket(exchange.principal().accountId(), exchange.model().id());

        QuotaBucket.Decision decision = bucket.admit(charge, book.now());
        if (!decision.admitted()) {
            book.countThrottled(decision.refusedBy());
            throw refusal(decision, bucket, input, maxTokens, settings);
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
