package dev.mantlemock.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.ExchangeTestAccess;
import dev.mantlemock.testing.Exchanges;
import dev.mantlemock.testing.MutableClock;
import org.junit.jupiter.api.Test;

class QuotaAdmissionTest {
    private final MutableClock clock = MutableClock.atSomeMinute();

    private QuotaBook book(long inputTpm, long outputTpm, long rpm) {
        QuotaConfig c = new QuotaConfig();
        c.inputTokensPerMinute = inputTpm;
        c.outputTokensPerMinute = outputTpm;
        c.requestsPerMinute = rpm;
        return new QuotaBook(c, clock);
    }

    private static QuotaUsage.Window inputUsage(QuotaBook book) {
        return book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).inputTokens();
    }

    /** Runs the listeners the pipeline would run when the response is done. */
    private static void complete(Exchange e, int status, int outputTokens) {
        ExchangeTestAccess.complete(e, new Completion(status, null, outputTokens, 1));
    }

    @Test
    void admissionChargesInputTokensPlusMaxTokensButNotCacheReads() {
        QuotaBook book = book(10_000, 10_000, 0);
        new QuotaAdmission(book).process(Exchanges.messages().inputTokens(300).cacheRead(5000).maxTokens(1000).build());
        assertThat(inputUsage(book).used()).isEqualTo(1300);
    }

    @Test
    void completionReturnsTheUnusedPartOfTheMaxTokensReservation() {
        QuotaBook book = book(10_000, 10_000, 0);
        Exchange e = Exchanges.messages().inputTokens(300).maxTokens(1000).build();
        new QuotaAdmission(book).process(e);
        e.outputMeter().produced(120);
        complete(e, 200, 120);
        assertThat(inputUsage(book).used()).isEqualTo(420);
        assertThat(book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).outputTokens().used()).isEqualTo(120);
    }

    @Test
    void outputTokensReportedOnlyAtCompletionStillCountAgainstTheOutputQuota() {
        QuotaBook book = book(10_000, 10_000, 0);
        Exchange e = Exchanges.messages().inputTokens(300).maxTokens(1000).build();
        new QuotaAdmission(book).process(e);
        complete(e, 200, 80);
        assertThat(book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).outputTokens().used()).isEqualTo(80);
        assertThat(inputUsage(book).used()).isEqualTo(380);
    }

    @Test
    void aRequestThatEndsInAnErrorGetsItsWholeChargeBack() {
        QuotaBook book = book(10_000, 10_000, 0);
        Exchange e = Exchanges.messages().inputTokens(300).maxTokens(1000).build();
        new QuotaAdmission(book).process(e);
        complete(e, 529, 0);
        assertThat(inputUsage(book).used()).isZero();
    }

    @Test
    void aRequestThatWouldExceedTheInputQuotaIsRefusedWith429AndRetryAfter() {
        QuotaBook book = book(2000, 10_000, 0);
        new QuotaAdmission(book).process(Exchanges.messages().inputTokens(500).maxTokens(1000).build());
        clock.advanceSeconds(15);

        assertThatThrownBy(() -> new QuotaAdmission(book).process(Exchanges.messages().inputTokens(500).maxTokens(1000).build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.type()).isEqualTo(ErrorType.RATE_LIMIT);
                    assertThat(ex.status()).isEqualTo(429);
                    assertThat(ex.getMessage()).isEqualTo("Too many tokens, please wait before trying again.");
                    assertThat(ex.headers()).containsEntry("retry-after", "45").doesNotContainKey("anthropic-ratelimit-input-tokens-limit");
                });
        assertThat(inputUsage(book).used()).as("a refused request charges nothing").isEqualTo(1500);
        assertThat(book.throttled(QuotaKind.INPUT_TOKENS)).isEqualTo(1);
    }

    @Test
    void theWindowSlidesSoTheSameRequestIsAdmittedOnceTheOldChargeHasLeft() {
        QuotaBook book = book(2000, 10_000, 0);
        QuotaAdmission admission = new QuotaAdmission(book);
        admission.process(Exchanges.messages().inputTokens(500).maxTokens(1000).build());
        clock.advanceSeconds(60);
        admission.process(Exchanges.messages().inputTokens(500).maxTokens(1000).build());
        assertThat(inputUsage(book).used()).isEqualTo(1500);
    }

    @Test
    void retryAfterAndRateLimitHeadersFollowTheSettings() {
        QuotaConfig c = new QuotaConfig();
        c.inputTokensPerMinute = 1000;
        c.retryAfter = false;
        c.rateLimitHeaders = true;
        QuotaBook book = new QuotaBook(c, clock);
        new QuotaAdmission(book).process(Exchanges.messages().inputTokens(100).maxTokens(800).build());
        assertThatThrownBy(() -> new QuotaAdmission(book).process(Exchanges.messages().inputTokens(100).maxTokens(800).build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.headers())
                        .doesNotContainKey("retry-after")
                        .containsEntry("anthropic-ratelimit-input-tokens-limit", "1000")
                        .containsEntry("anthropic-ratelimit-input-tokens-remaining", "100")
                        .containsEntry("anthropic-ratelimit-input-tokens-reset", "2026-11-25T10:01:00Z"));
    }

    @Test
    void aChargeLargerThanTheWholeQuotaIsA400BecauseWaitingWouldNeverHelp() {
        QuotaBook book = book(1000, 10_000, 0);
        assertThatThrownBy(() -> new QuotaAdmission(book).process(Exchanges.messages().inputTokens(200).maxTokens(900).build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(ex.getMessage()).contains("1100", "1000", "can never be admitted");
                });
    }

    @Test
    void theOutputQuotaStopsGenerationWhenItRunsOut() {
        QuotaBook book = book(100_000, 500, 0);
        Exchange e = Exchanges.messages().maxTokens(4000).build();
        new QuotaAdmission(book).process(e);
        assertThat(e.outputMeter().produced(400)).isTrue();
        assertThat(e.outputMeter().produced(200)).as("only 100 fit").isFalse();
        assertThat(book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).outputTokens().used())
                .as("tokens that were not sent are not counted").isEqualTo(400);
    }

    @Test
    void aWholeAnswerIsGrantedOnlyTheOutputTokensThatFit() {
        QuotaBook book = book(100_000, 500, 0);
        Exchange e = Exchanges.messages().maxTokens(4000).build();
        new QuotaAdmission(book).process(e);
        assertThat(e.outputMeter().grant(300)).isEqualTo(300);
        assertThat(e.outputMeter().grant(300)).isEqualTo(200);
        complete(e, 200, 500);
        assertThat(book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).outputTokens().used()).isEqualTo(500);
        assertThat(inputUsage(book).used()).as("input 100 + 500 used of the 4000 reserved").isEqualTo(600);
    }

    @Test
    void withContinueTheOutputQuotaOverrunsInsteadOfStopping() {
        QuotaConfig c = new QuotaConfig();
        c.outputTokensPerMinute = 500;
        c.onOutputExhausted = OutputExhaustion.CONTINUE;
        QuotaBook book = new QuotaBook(c, clock);
        Exchange e = Exchanges.messages().maxTokens(4000).build();
        new QuotaAdmission(book).process(e);
        assertThat(e.outputMeter().produced(600)).isTrue();
    }

    @Test
    void aFullOutputWindowRefusesNewRequestsUntilItFrees() {
        QuotaBook book = book(100_000, 500, 0);
        Exchange first = Exchanges.messages().maxTokens(4000).build();
        new QuotaAdmission(book).process(first);
        first.outputMeter().produced(500);
        assertThatThrownBy(() -> new QuotaAdmission(book).process(Exchanges.messages().build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status()).isEqualTo(429));
        assertThat(book.throttled(QuotaKind.OUTPUT_TOKENS)).isEqualTo(1);
    }

    @Test
    void countTokensIsNotChargedToTokenQuotasButCountsTowardRpm() {
        QuotaBook book = book(1000, 1000, 2);
        QuotaAdmission admission = new QuotaAdmission(book);
        admission.process(Exchanges.countTokens().inputTokens(5000).build());
        admission.process(Exchanges.countTokens().inputTokens(5000).build());
        assertThat(inputUsage(book).used()).isZero();
        assertThatThrownBy(() -> admission.process(Exchanges.countTokens().build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(429);
                    assertThat(ex.getMessage()).isEqualTo("Too many requests, please wait before trying again.");
                });
    }

    @Test
    void thereIsNoRpmQuotaByDefault() {
        QuotaBook book = new QuotaBook(new QuotaConfig(), clock);
        QuotaAdmission admission = new QuotaAdmission(book);
        for (int i = 0; i < 1000; i++) {
            admission.process(Exchanges.countTokens().build());
        }
        assertThat(book.bucket("123456789012", Exchanges.MODEL).usage(book.now()).requests()).isNull();
    }

    @Test
    void theDefaultsAreMantlesPublishedQuotas() {
        QuotaBook book = new QuotaBook(new QuotaConfig(), clock);
        QuotaUsage u = book.bucket("123456789012", Exchanges.MODEL).usage(book.now());
        assertThat(u.inputTokens().limit()).isEqualTo(2_000_000);
        assertThat(u.outputTokens().limit()).isEqualTo(500_000);
    }

    @Test
    void aShorterWindowScalesTheQuotasByTheSameFactor() {
        QuotaConfig c = new QuotaConfig();
        c.windowSeconds = 6;
        QuotaBook book = new QuotaBook(c, clock);
        QuotaUsage u = book.bucket("123456789012", Exchanges.MODEL).usage(book.now());
        assertThat(u.inputTokens().limit()).isEqualTo(200_000);
        assertThat(u.outputTokens().limit()).isEqualTo(50_000);
        assertThat(u.windowMillis()).isEqualTo(6000);
    }

    @Test
    void accountsAndModelsHaveSeparateBucketsAndTheMostSpecificOverrideWins() {
        QuotaConfig c = new QuotaConfig();
        c.overrides.add(new QuotaConfig.Override(null, "m", 5000L, null, null));
        c.overrides.add(new QuotaConfig.Override("111111111111", "m", 3000L, null, null));
        c.overrides.add(new QuotaConfig.Override("111111111111", null, null, 700L, null));
        QuotaBook book = new QuotaBook(c, clock);
        assertThat(book.limitsFor("111111111111", "m")).isEqualTo(new TokenQuota(3000, 700, 0));
        assertThat(book.limitsFor("222222222222", "m")).isEqualTo(new TokenQuota(5000, 500_000, 0));
        assertThat(book.limitsFor("222222222222", "other")).isEqualTo(TokenQuota.MANTLE_DEFAULT);

        QuotaAdmission admission = new QuotaAdmission(book);
        admission.process(Exchanges.messages().account("111111111111").model("m").inputTokens(1000).maxTokens(1000).build());
        admission.process(Exchanges.messages().account("222222222222").model("m").inputTokens(1000).maxTokens(1000).build());
        assertThatThrownBy(() -> admission.process(
                Exchanges.messages().account("111111111111").model("m").inputTokens(1000).maxTokens(1000).build()))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void turningQuotasOffAdmitsEverything() {
        QuotaConfig c = new QuotaConfig();
        c.enabled = false;
        c.inputTokensPerMinute = 1;
        new QuotaAdmission(new QuotaBook(c, clock)).process(Exchanges.messages().maxTokens(100_000).build());
    }
}
