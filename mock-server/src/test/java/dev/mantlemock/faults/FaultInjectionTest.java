package dev.mantlemock.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.testing.Exchanges;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.domain.StreamTiming;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private final FaultRules rules = new FaultRules(new FaultsConfig());
    private final FaultInjection faults = new FaultInjection(rules, StreamTiming.FAST);

    private static FaultRuleSpec rule(FaultKind kind, Integer times, String testId) {
        FaultRuleSpec s = FaultRuleSpec.of(kind);
        s.times = times;
        s.testId = testId;
        return s;
    }

    private ErrorType errorOf(Exchange e) {
        try {
            faults.process(e);
            return null;
        } catch (ApiException ex) {
            return ex.type();
        }
    }

    @Test
    void theHeaderChoosesAnErrorFaultWithItsStatusAndText() {
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "overloaded").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(529);
                    assertThat(ex.type()).isEqualTo(ErrorType.OVERLOADED);
                    assertThat(ex.getMessage()).isEqualTo("Overloaded");
                });
        assertThat(errorOf(Exchanges.messages().header("x-mock-fault", "api_error").build())).isEqualTo(ErrorType.API);
        assertThat(errorOf(Exchanges.messages().header("x-mock-fault", "timeout").build())).isEqualTo(ErrorType.TIMEOUT);
        assertThat(rules.injected(FaultKind.OVERLOADED)).isEqualTo(1);
    }

    @Test
    void aRateLimitFaultCarriesRetryAfterOnlyWhenAskedTo() {
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "rate_limit;retry_after=2").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(429);
                    assertThat(ex.headers()).containsEntry("retry-after", "2");
                });
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "rate_limit").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.headers()).isEmpty());
    }

    @Test
    void streamFaultsBecomeTheStreamPlanOfTheEncoder() {
        Exchange e = Exchanges.messages().streaming().header("x-mock-fault", "stream_error;after=5").build();
        faults.process(e);
        assertThat(e.streamPlan()).isEqualTo(new StreamPlan(StreamTiming.FAST, StreamPlan.Interruption.ERROR_EVENT, 5));

        Exchange drop = Exchanges.messages().streaming().header("x-mock-fault", "drop_connection").build();
        faults.process(drop);
        assertThat(drop.streamPlan().interruption()).isEqualTo(StreamPlan.Interruption.DROP_CONNECTION);
        assertThat(drop.streamPlan().afterEvents()).isEqualTo(3);

        Exchange cut = Exchanges.messages().streaming().header("x-mock-fault", "truncate").build();
        faults.process(cut);
        assertThat(cut.streamPlan().interruption()).isEqualTo(StreamPlan.Interruption.TRUNCATE);
    }

    @Test
    void aSlowStreamIsPacedAndLatencyWaits() {
        Exchange slow = Exchanges.messages().streaming().header("x-mock-fault", "slow_stream;tps=5;ttft=300").build();
        faults.process(slow);
        assertThat(slow.streamPlan().timing().tokensPerSecond()).isEqualTo(5.0);
        assertThat(slow.streamPlan().timing().timeToFirstTokenMillis()).isEqualTo(300);

        Exchange late = Exchanges.messages().header("x-mock-fault", "latency;ms=250").build();
        faults.process(late);
        assertThat(late.streamPlan().latencyMillis()).as("waited for by the encoder, on the timer").isEqualTo(250L);
    }

    @Test
    void aHeaderThatCannotBeHonouredIsAClear400() {
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "gremlins").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.getMessage()).contains("unknown fault 'gremlins'", "overloaded", "slow_stream");
                });
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "stream_error").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.getMessage()).contains("needs a streaming request"));
        assertThatThrownBy(() -> faults.process(Exchanges.messages().header("x-mock-fault", "latency;ms=soon").build()))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.getMessage()).contains("not a number"));
    }

    @Test
    void aRuleFailsTheNextNRequestsThenLetsThemSucceed() {
        rules.add(rule(FaultKind.OVERLOADED, 2, null));
        assertThat(errorOf(Exchanges.messages().build())).isEqualTo(ErrorType.OVERLOADED);
        assertThat(errorOf(Exchanges.messages().build())).isEqualTo(ErrorType.OVERLOADED);
        assertThat(errorOf(Exchanges.messages().build())).isNull();
        assertThat(rules.list(null).get(0).remaining()).isZero();
        assertThat(rules.list(null).get(0).fired()).isEqualTo(2);
    }

    @Test
    void aRuleScopedToATestIdLeavesOtherTestsAlone() {
        rules.add(rule(FaultKind.API_ERROR, null, "test-a"));
        assertThat(errorOf(Exchanges.messages().header("x-mock-test-id", "test-b").build())).isNull();
        assertThat(errorOf(Exchanges.messages().build())).isNull();
        assertThat(errorOf(Exchanges.messages().header("x-mock-test-id", "test-a").build())).isEqualTo(ErrorType.API);
        assertThat(rules.clear("test-b")).isZero();
        assertThat(rules.clear("test-a")).isEqualTo(1);
    }

    @Test
    void aProbabilisticRuleIsReproducibleFromItsSeed() {
        FaultRuleSpec spec = rule(FaultKind.OVERLOADED, null, null);
        spec.probability = 0.3;
        spec.seed = 7L;
        rules.add(spec);
        List<Boolean> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(errorOf(Exchanges.messages().build()) != null);
        }
        rules.clear(null);
        rules.add(spec);
        List<Boolean> second = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            second.add(errorOf(Exchanges.messages().build()) != null);
        }
        assertThat(second).isEqualTo(first);
        long failures = first.stream().filter(b -> b).count();
        assertThat(failures).isBetween(40L, 80L);
    }

    @Test
    void streamRulesWaitForAStreamingRequest() {
        rules.add(rule(FaultKind.TRUNCATE, 1, null));
        Exchange plain = Exchanges.messages().build();
        faults.process(plain);
        // no fault: the configured pace, not interrupted
        assertThat(plain.streamPlan()).isEqualTo(StreamPlan.of(StreamTiming.FAST));
        Exchange streamed = Exchanges.messages().streaming().build();
        faults.process(streamed);
        assertThat(streamed.streamPlan().interruption()).isEqualTo(StreamPlan.Interruption.TRUNCATE);
    }

    @Test
    void badRulesAreRefusedWithAReason() {
        FaultRuleSpec noKind = new FaultRuleSpec();
        assertThatThrownBy(() -> rules.add(noKind)).hasMessageContaining("needs a 'kind'");
        FaultRuleSpec p = FaultRuleSpec.of(FaultKind.OVERLOADED);
        p.probability = 1.5;
        assertThatThrownBy(() -> rules.add(p)).hasMessageContaining("'probability' must be between 0 and 1");
        FaultRuleSpec t = FaultRuleSpec.of(FaultKind.OVERLOADED);
        t.times = 0;
        assertThatThrownBy(() -> rules.add(t)).hasMessageContaining("'times' must be between 1 and");
        assertThat(rules.list(null)).isEmpty();
    }

    @Test
    void withoutHeaderOrRuleNothingHappens() {
        Exchange e = Exchanges.messages().streaming().build();
        assertThatCode(() -> faults.process(e)).doesNotThrowAnyException();
        assertThat(e.streamPlan()).isEqualTo(StreamPlan.of(StreamTiming.FAST));
    }
}
