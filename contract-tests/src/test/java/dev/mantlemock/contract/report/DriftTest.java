package dev.mantlemock.contract.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.Cost;
import dev.mantlemock.contract.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTest {
    private static ContractResult result(String id, Outcome outcome, String reason) {
        return new ContractResult(id, "area", "promise of " + id, id.startsWith("fixture."), outcome, reason, Cost.NONE);
    }

    private static ContractReport report(String target, ContractResult... results) {
        return new ContractReport(new ContractReport.TargetInfo(target, "http://x/anthropic", "m", "us-east-1", "sigv4"),
                "2026-11-24T02:00:00Z", "2026-11-24T02:01:00Z", Cost.NONE, List.of(results));
    }

    private static final ContractReport LIVE = report("live",
            result("message.shape", Outcome.PASSED, null),
            result("auth.skewed-clock", Outcome.FAILED, "HTTP status expected: 401 but was: 403"),
            result("stream.event-order", Outcome.PASSED, null),
            result("fixture.weather-agent", Outcome.SKIPPED, "mock-only"),
            result("errors.unknown-model-not-found", Outcome.PASSED, null));

    private static final ContractReport MOCK = report("mock",
            result("message.shape", Outcome.PASSED, null),
            result("auth.skewed-clock", Outcome.PASSED, null),
            result("stream.event-order", Outcome.FAILED, "last event was message_delta"),
            result("fixture.weather-agent", Outcome.PASSED, null),
            result("cache.write-then-read", Outcome.PASSED, null));

    @Test
    void aContractThatPassedOnOneSideAndFailedOnTheOtherHasDrifted() {
        assertThat(Drift.drifted(Drift.between(LIVE, MOCK))).extracting(Drift.Line::id)
                .containsExactly("auth.skewed-clock", "stream.event-order");
    }

    @Test
    void aSkipOnEitherSideIsNotComparedRatherThanCalledDrift() {
        assertThat(Drift.between(LIVE, MOCK)).filteredOn(l -> l.id().equals("fixture.weather-agent"))
                .extracting(Drift.Line::kind).containsExactly(Drift.Kind.NOT_COMPARED);
    }

    @Test
    void contractsInOnlyOneReportAreListedAsSuch() {
        List<Drift.Line> lines = Drift.between(LIVE, MOCK);
        assertThat(lines).filteredOn(l -> l.kind() == Drift.Kind.ONLY_IN_FIRST).extracting(Drift.Line::id)
                .containsExactly("errors.unknown-model-not-found");
        assertThat(lines).filteredOn(l -> l.kind() == Drift.Kind.ONLY_IN_SECOND).extracting(Drift.Line::id)
                .containsExactly("cache.write-then-read");
    }

    @Test
    void identicalRunsHaveNoDrift() {
        assertThat(Drift.drifted(Drift.between(MOCK, MOCK))).isEmpty();
        assertThat(Drift.markdown(MOCK, MOCK, Drift.between(MOCK, MOCK))).contains("**No drift**");
    }

    @Test
    void theMarkdownPutsDriftsFirstWithBothReasons() {
        String md = Drift.markdown(LIVE, MOCK, Drift.between(LIVE, MOCK));
        assertThat(md).contains("**2 contract(s) drifted**: `auth.skewed-clock`, `stream.event-order`");
        assertThat(md.indexOf("`auth.skewed-clock` |")).isLessThan(md.indexOf("`message.shape` |"));
        assertThat(md).contains("expected: 401 but was: 403").contains("last event was message_delta");
    }

    /** A live run whose credentials were broken: every contract skipped, nothing ran on both sides. */
    private static final ContractReport LIVE_WITHOUT_CREDENTIALS = report("live",
            result("message.shape", Outcome.SKIPPED, "no SigV4 credentials"),
            result("stream.event-order", Outcome.SKIPPED, "no SigV4 credentials"));

    @Test
    void whenNoContractRanOnBothSidesTheReportSaysNothingWasComparedNotNoDrift() {
        String md = Drift.markdown(LIVE_WITHOUT_CREDENTIALS, MOCK, Drift.between(LIVE_WITHOUT_CREDENTIALS, MOCK));
        assertThat(md).contains("**Nothing was compared**").doesNotContain("No drift");
    }

    @Test
    void failOnDriftExitsNonZeroWhenNothingWasCompared(@TempDir Path dir) throws Exception {
        Path live = dir.resolve("live.json");
        Path mock = dir.resolve("mock.json");
        LIVE_WITHOUT_CREDENTIALS.writeJson(live);
        MOCK.writeJson(mock);
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        int status = ReportDiff.run(new String[] {live.toString(), mock.toString(), "--fail-on-drift"}, out, new java.io.PrintStream(err));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was compared");
        assertThat(ReportDiff.run(new String[] {live.toString(), mock.toString()}, out, out)).isZero();
    }

    @Test
    void failOnDriftExitsZeroOnlyWhenContractsRanOnBothSidesAndAgreed(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        MOCK.writeJson(a);
        LIVE.writeJson(b);
        var out = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        assertThat(ReportDiff.run(new String[] {a.toString(), a.toString(), "--fail-on-drift"}, out, out)).isZero();
        assertThat(ReportDiff.run(new String[] {b.toString(), a.toString(), "--fail-on-drift"}, out, out)).isEqualTo(1);
    }

    @Test
    void aReportSurvivesTheTripThroughJson(@TempDir Path dir) {
        Path file = dir.resolve("contract-report.json");
        LIVE.writeJson(file);
        assertThat(ContractReport.read(file)).isEqualTo(LIVE);
    }
}
