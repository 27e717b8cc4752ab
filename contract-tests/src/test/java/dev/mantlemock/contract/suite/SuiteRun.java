package dev.mantlemock.contract.suite;

import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.ContractRunner;
import dev.mantlemock.contract.Cost;
import dev.mantlemock.contract.Outcome;
import dev.mantlemock.contract.checks.ContractCatalogue;
import dev.mantlemock.contract.report.ContractReport;
import dev.mantlemock.contract.report.MarkdownTable;
import dev.mantlemock.contract.targets.RunningTarget;
import dev.mantlemock.contract.targets.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The JUnit side of one suite run: the target chosen once for the whole run, each contract's result
 * recorded for the report, and translated for JUnit (a failure fails the test, a skip aborts it with
 * its reason, so a live run without credentials shows skipped, never passed).
 */
public final class SuiteRun {
    private static RunningTarget running;
    private static Instant startedAt;
    private static final Map<String, ContractResult> RESULTS = new LinkedHashMap<>();

    private SuiteRun() {}

    public static void verify(Contract contract) {
        ContractResult result = ContractRunner.run(contract, target());
        synchronized (SuiteRun.class) {
            RESULTS.put(contract.id(), result);
        }
        if (result.outcome() == Outcome.FAILED) {
            Assertions.fail(contract.id() + " against " + running.target().name() + ": " + result.reason());
        }
        Assumptions.assumeTrue(result.outcome() == Outcome.PASSED, () -> contract.id() + " skipped: " + result.reason());
    }

    private static synchronized dev.mantlemock.contract.Target target() {
        if (running == null) {
            startedAt = Instant.now();
            running = Targets.fromEnvironment();
        }
        return running.target();
    }

    /** At the end of the test plan: writes contract-report.json and .md, and stops the in-process mock. */
    static synchronized void finish() {
        if (running == null) {
            return; // no contract ran in this JVM (e.g. only the mutant self-check was selected)
        }
        List<ContractResult> results = new ArrayList<>();
        Cost total = Cost.NONE;
        for (Contract contract : ContractCatalogue.all()) {
            ContractResult r = RESULTS.getOrDefault(contract.id(),
                    ContractResult.of(contract, Outcome.NOT_RUN, "not selected in this run (test filter or excluded tag)", Cost.NONE));
            results.add(r);
            total = total.plus(r.cost());
        }
        ContractReport report = new ContractReport(ContractReport.TargetInfo.of(running.target()), startedAt.toString(),
                Instant.now().toString(), total, results);
        Path dir = Path.of(System.getProperty("contract.reportDir", "target"));
        report.writeJson(dir.resolve("contract-report.json"));
        try {
            Files.writeString(dir.resolve("contract-report.md"), MarkdownTable.of(report));
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("stopping the target failed", e);
        } finally {
            running = null;
            RESULTS.clear();
        }
    }
}
