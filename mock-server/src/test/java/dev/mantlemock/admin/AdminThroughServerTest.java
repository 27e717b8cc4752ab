package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.ScopedMock;
import org.junit.jupiter.api.Test;

/** The admin API and the journal on the real server, fed by the official SDK. */
class AdminThroughServerTest {

    @Test
    void theJournalKeepsOnlyItsSizeAndNeverTheKey() {
        try (ScopedMock mock = ScopedMock.start(c -> c.journal.size = 5)) {
            for (int i = 0; i < 8; i++) {
                mock.client("bounded", 0).messages().create(ScopedMock.ask(5));
            }
            JsonNode journal = mock.journal("bounded", 5);
            assertThat(journal).hasSize(5);
            JsonNode entry = journal.get(4);
            assertThat(entry.path("headers").path("authorization").get(0).asText()).isEqualTo("Bearer <redacted>");
            assertThat(entry.path("method").asText()).isEqualTo("POST");
            assertThat(entry.path("path").asText()).isEqualTo("/anthropic/v1/messages");
            assertThat(entry.path("body").asText()).contains("\"max_tokens\":5");
            assertThat(entry.path("status").asInt()).isEqualTo(200);
            assertThat(entry.path("inputTokens").asLong()).isPositive();
            assertThat(entry.path("testId").asText()).isEqualTo("bounded");
            assertThat(mock.admin("GET", "/_mock/requests", null).json().path("capacity").asInt()).isEqualTo(5);
        }
    }

    @Test
    void refusalsBeforeThePipelineAreJournalledAndCounted() {
        try (ScopedMock mock = ScopedMock.start(c -> { })) {
            mock.client("bad-fault", 0, "gremlins");
            try {
                mock.client("bad-fault", 0, "gremlins").messages().create(ScopedMock.ask(5));
            } catch (RuntimeException expected) {
                // a 400 naming the known faults
            }
            assertThat(mock.journal("bad-fault", 1).get(0).path("status").asInt()).isEqualTo(400);
            assertThat(mock.admin("GET", "/_mock/metrics", null).text())
                    .contains("mantle_mock_requests_total{endpoint=\"messages\",status=\"400\",error_type=\"invalid_request_error\"} 1");
        }
    }

    @Test
    void anUnknownFaultRuleIdIsANotFoundInTheAdminEnvelope() {
        try (ScopedMock mock = ScopedMock.start(c -> { })) {
            ScopedMock.Reply reply = mock.admin("DELETE", "/_mock/faults/fault_99", null);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().path("error").path("message").asText()).contains("There is no fault rule 'fault_99'");
        }
    }

    @Test
    void resetClearsRulesUsageJournalAndMetrics() {
        try (ScopedMock mock = ScopedMock.start(c -> { })) {
            mock.admin("POST", "/_mock/faults", "{\"kind\":\"overloaded\"}");
            try {
                mock.client("reset", 0).messages().create(ScopedMock.ask(5));
            } catch (RuntimeException expected) {
                // overloaded
            }
            mock.journal("reset", 1);
            assertThat(mock.admin("POST", "/_mock/reset", null).status()).isEqualTo(200);
            assertThat(mock.admin("GET", "/_mock/faults", null).json().path("rules")).isEmpty();
            assertThat(mock.journal("reset")).isEmpty();
            assertThat(mock.admin("GET", "/_mock/quotas", null).json().path("buckets")).isEmpty();
            assertThat(mock.admin("GET", "/_mock/metrics", null).text()).doesNotContain("status=\"529\"");
            assertThat(mock.client("reset", 0).messages().create(ScopedMock.ask(5)).content()).isNotEmpty();
        }
    }

    @Test
    void healthStaysOpenAndAdminRoutesCarryARequestId() {
        try (ScopedMock mock = ScopedMock.start(c -> { })) {
            assertThat(mock.admin("GET", "/_mock/health", null).status()).isEqualTo(200);
            assertThat(mock.admin("GET", "/_mock/quotas", null).json().path("settings").path("inputTokensPerMinute").asLong())
                    .isEqualTo(2_000_000);
        }
    }
}
