package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ClientText;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import org.junit.jupiter.api.Test;

/** What the journal and the dashboard keep of a client's strings, and how much of the quotas the dashboard sends (issue 28). */
class BoundedViewsTest {
    @Test
    void aHugeTestIdIsCutInTheJournalAndStillFindsItsEntries() {
        String testId = "t".repeat(10_000);
        try (RunningMock mock = RunningMock.start()) {
            mock.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Hi\"}]}", "x-mock-test-id", testId);

            JsonNode entries = TestRequests.node(mock.get("/_mock/requests?testId=" + testId).body()).path("requests");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("testId").asText()).hasSizeLessThanOrEqualTo(ClientText.MAX + 1);
        }
    }

    @Test
    void theDashboardSendsTheBusiestQuotaBucketsAndHowManyThereAre() {
        try (RunningMock mock = RunningMock.start()) {
            MockControls controls = mock.server().controls();
            for (int i = 0; i < 500; i++) { // made, not yet charged: kept for a window
                controls.quotas().bucket("account-" + "a".repeat(1_000) + i, RunningMock.MODEL);
            }
            DashboardSnapshot snapshot = DashboardSnapshot.take(controls, null, 0);

            assertThat(snapshot.quotas()).hasSize(DashboardSnapshot.QUOTA_ROWS);
            assertThat(snapshot.quotaBuckets()).isEqualTo(500);
            assertThat(snapshot.quotas()).allSatisfy(q -> assertThat(q.account()).hasSizeLessThanOrEqualTo(ClientText.MAX + 1));
        }
    }
}
