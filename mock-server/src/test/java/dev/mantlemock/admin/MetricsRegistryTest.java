package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.faults.FaultsConfig;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.ExchangeTestAccess;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.testing.Exchanges;
import dev.mantlemock.testing.MutableClock;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
    private final MetricsRegistry metrics = new MetricsRegistry(
            new QuotaBook(new QuotaConfig(), MutableClock.atSomeMinute()), new FaultRules(new FaultsConfig()));

    private void serve(Exchange e, int status, String type, int output) {
        metrics.openStreams().process(e);
        Completion c = new Completion(status, type, output, 1_000_000);
        ExchangeTestAccess.complete(e, c);
        metrics.started(e).accept(c);
    }

    @Test
    void requestsAreCountedByStatusAndErrorTypeWithTokens() {
        serve(Exchanges.messages().inputTokens(100).build(), 200, null, 20);
        serve(Exchanges.messages().inputTokens(100).build(), 200, null, 30);
        serve(Exchanges.messages().inputTokens(100).build(), 529, "overloaded_error", 0);
        serve(Exchanges.countTokens().build(), 200, null, 0);
        String text = metrics.render();
        assertThat(text)
                .contains("mantle_mock_requests_total{endpoint=\"messages\",status=\"200\",error_type=\"\"} 2\n")
                .contains("mantle_mock_requests_total{endpoint=\"messages\",status=\"529\",error_type=\"overloaded_error\"} 1\n")
                .contains("mantle_mock_requests_total{endpoint=\"count_tokens\",status=\"200\",error_type=\"\"} 1\n")
                .contains("mantle_mock_input_tokens_total 200\n")
                .contains("mantle_mock_output_tokens_total 50\n")
                .contains("mantle_mock_throttled_requests_total{quota=\"input-tokens\"} 0\n")
                .contains("# TYPE mantle_mock_open_streams gauge\n");
    }

    @Test
    void aStreamIsOpenUntilItCompletes() {
        Exchange stream = Exchanges.messages().streaming().build();
        metrics.openStreams().process(stream);
        assertThat(metrics.render()).contains("mantle_mock_open_streams 1\n");
        ExchangeTestAccess.complete(stream, new Completion(200, null, 5, 1));
        assertThat(metrics.render()).contains("mantle_mock_open_streams 0\n");
    }
}
