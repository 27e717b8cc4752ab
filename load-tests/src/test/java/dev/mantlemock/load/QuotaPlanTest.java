package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaPlanTest {
    // The README's worked example: 2M TPM, 3,000 input tokens, max_tokens 1,000, answers of 400 tokens.
    private final QuotaPlan plan = new QuotaPlan(2_000_000, new RequestShape(3_000, 1_000, 400, 0.25));

    @Test
    void theArrivalRateIsSizedOnInputPlusMaxTokens() {
        // 2,000,000 / (3,000 + 1,000) = 500 requests per minute at the quota.
        assertThat(plan.rateAt(1.0).perMinute()).isCloseTo(500, within(1e-9));
        assertThat(plan.rateAt(1.0).perSecond()).isCloseTo(8.3333, within(1e-4));
        assertThat(plan.rateAt(0.8).perMinute()).isCloseTo(400, within(1e-9));
        assertThat(plan.rateAt(1.5).perMinute()).isCloseTo(750, within(1e-9));
        assertThat(plan.rateFor(1_000_000).perMinute()).isCloseTo(250, within(1e-9));
    }

    @Test
    void refundsLetMoreThroughThanTheAdmissionChargeSuggests() {
        // Settled charge 3,400: the window sustains 2,000,000 / 3,400 = 588.2 requests per minute.
        assertThat(plan.sustainableRate().perMinute()).isCloseTo(588.235, within(1e-3));
        assertThat(plan.expectedThrottledShare(0.8)).isZero();
        // Offered 750/min, admitted 588.2/min: 21.6% refused, not the 33.3% a plan without refunds expects.
        assertThat(plan.expectedThrottledShare(1.5)).isCloseTo(1 - 588.235 / 750, within(1e-5));
    }

    @Test
    void withoutRefundsTheThrottledShareIsTheExcess() {
        QuotaPlan full = new QuotaPlan(2_000_000, new RequestShape(1_000, 200, 200, 0));
        assertThat(full.expectedThrottledShare(1.5)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(full.expectedThrottledShare(2.0)).isCloseTo(0.5, within(1e-12));
        assertThat(full.expectedThrottledShare(1.0)).isCloseTo(0, within(1e-12));
    }

    @Test
    void outputTpmOfThePlanCountsAdmittedAnswersOnly() {
        assertThat(plan.outputTpmAt(1.0)).isCloseTo(500 * 400, within(1e-6));
        assertThat(plan.outputTpmAt(2.0)).isCloseTo(588.235 * 400, within(1.0));
    }

    @Test
    void aRunsRequestCountIsBoundedByItsRateAndLength() {
        assertThat(plan.rateAt(1.0).requestsIn(Duration.ofMinutes(2))).isEqualTo(1000);
        assertThat(new ArrivalRate(2.5).requestsIn(Duration.ofMillis(1500))).isEqualTo(4);
    }

    @Test
    void nonsenseShapesAreRefused() {
        assertThatThrownBy(() -> new RequestShape(0, 10, 0, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RequestShape(10, 10, 11, 0)).hasMessageContaining("between 0 and max_tokens");
        assertThatThrownBy(() -> new RequestShape(10, 10, 5, 1.5)).hasMessageContaining("streaming share");
        assertThatThrownBy(() -> new ArrivalRate(0)).hasMessageContaining("above 0");
    }
}
