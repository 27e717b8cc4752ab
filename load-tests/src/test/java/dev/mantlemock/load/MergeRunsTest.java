package dev.mantlemock.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge of several injectors' records, without Gatling: what each wrote becomes one summary. */
class MergeRunsTest {
    private static void injector(Path dir, int index, int injectors, int answered, int throttled, List<Map<String, Object>> server) {
        try (RunRecords r = RunRecords.open(dir, "Streaming", index, injectors, "0", "mock")) {
            for (int i = 0; i < answered; i++) {
                r.request(new Outcome("streaming", 1_000_000 + i * 10L + index, 200, 1000, 72, 200, 50, 20));
            }
            for (int i = 0; i < throttled; i++) {
                r.request(new Outcome("streaming", 1_000_000 + i * 10L + index, 429, 0, 0, 200, 1, -1));
            }
            r.decided("server", server);
            r.decided("summary", RunSummary.of("Streaming", "mock", Map.of(RunReport.QUOTA, 2_000_000, RunReport.ADMISSION, 1200),
                    List.of(PhaseStats.of("streaming", List.of(), 10)), PhaseStats.of("whole run", List.of(), 10), List.of(), Map.of()));
        }
    }

    @Test
    void everyInjectorsRequestsCountOnceInTheMergedPhases(@TempDir Path dir) {
        List<Map<String, Object>> server = List.of(Map.of("second", 1000, "requests", 55, "throttled", 5));
        injector(dir, 0, 2, 30, 3, server);
        injector(dir, 1, 2, 20, 2, server);

        RunSummary merged = MergeRuns.merge(MergeRuns.files(List.of(dir)));

        assertThat(merged.phases().get(0).requests()).isEqualTo(55);
        assertThat(merged.phases().get(0).throttled()).isEqualTo(5);
        assertThat(merged.phases().get(0).ttftP50Ms()).isEqualTo(20);
        assertThat(GatlingRun.check(merged, "every injector's records are here").held()).isTrue();
        assertThat(GatlingRun.check(merged, "the injectors' 429s agree with the mock's own count").held()).isTrue();
        assertThat(merged.timeline()).isNotEmpty();
    }

    @Test
    void whenTheRecordsAndTheMocksCountDisagreeTheMockIsTheTruthAndAMissingInjectorIsNamed(@TempDir Path dir) {
        injector(dir, 0, 3, 30, 3, List.of(Map.of("second", 1000, "requests", 90, "throttled", 20)));

        RunSummary merged = MergeRuns.merge(MergeRuns.files(List.of(dir)));

        assertThat(GatlingRun.check(merged, "every injector's records are here").held()).isFalse();
        Check truth = GatlingRun.check(merged, "the injectors' 429s agree with the mock's own count");
        assertThat(truth.held()).isFalse();
        assertThat(truth.observed()).contains("the mock: 90 requests, 20 429s", "the mock's count is the truth");
    }

    @Test
    void severalInjectorsShareEveryRateAndMustBeToldWhatTheyWouldEachMeasure() {
        Properties p = new Properties();
        p.setProperty("load.injectors", "3");
        p.setProperty("load.injectorIndex", "2");
        LoadSettings s = new LoadSettings(p);
        assertThat(new ArrivalRate(30).times(s.rateShare()).perSecond()).isEqualTo(10.0);
        assertThatThrownBy(s::checkInjectors).hasMessageContaining("load.startAt");
        p.setProperty("load.startAt", "2026-12-07T18:30:00Z");
        assertThat(s.startAtMillis()).isEqualTo(java.time.Instant.parse("2026-12-07T18:30:00Z").toEpochMilli());
        assertThatThrownBy(s::checkInjectors).hasMessageContaining("load.outputTokens and load.latencySeconds");
        p.setProperty("load.injectorIndex", "3");
        assertThatThrownBy(s::injectorIndex).hasMessageContaining("from 0 to load.injectors - 1");
    }
}
