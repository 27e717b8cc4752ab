package dev.mantlemock.contract.mutants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.ContractRunner;
import dev.mantlemock.contract.Outcome;
import dev.mantlemock.contract.Target;
import dev.mantlemock.contract.checks.ContractCatalogue;
import dev.mantlemock.contract.targets.InProcessMock;
import dev.mantlemock.contract.targets.RunningTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite proves it has teeth: behind a faithful proxy every contract holds, and each deliberately
 * broken variant of the mock's answers makes the contracts meant to catch it fail. Runs on every
 * build whatever the target, against its own in-process mock; writes target/mutant-report.md.
 */
class MutantSelfCheckTest {
    private static RunningTarget mock;
    private static MutatingProxy proxy;
    private static final Map<String, List<ContractResult>> CAUGHT = new TreeMap<>();

    @BeforeAll
    static void start() {
        mock = InProcessMock.start();
        proxy = new MutatingProxy(mock.target().baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        mock.close();
        writeReport();
    }

    static Stream<Mutant> mutants() {
        return Mutants.all().stream();
    }

    @Test
    void throughAFaithfulProxyEveryContractHolds() {
        List<ContractResult> failed = failures(Mutant.NONE, ContractCatalogue.all());
        assertThat(failed).as("contracts failing through an unchanged proxy").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void eachBrokenVariantIsCaughtByItsContracts(Mutant mutant) {
        List<Contract> meantToCatch = mutant.caughtBy().stream()
                .map(id -> ContractCatalogue.byId(id).orElseThrow(() -> new IllegalStateException("no contract " + id)))
                .toList();
        List<ContractResult> failed = failures(mutant, meantToCatch);
        synchronized (CAUGHT) {
            CAUGHT.put(mutant.name(), failed);
        }
        assertThat(failed).extracting(ContractResult::id).as("contracts that caught '%s' (%s)", mutant.name(), mutant.breaks())
                .containsExactlyInAnyOrderElementsOf(mutant.caughtBy());
    }

    @Test
    void thereAreAtLeastEightMutants() {
        assertThat(Mutants.all()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(Mutants.all()).extracting(Mutant::name).doesNotHaveDuplicates();
    }

    private static List<ContractResult> failures(Mutant mutant, List<Contract> contracts) {
        proxy.use(mutant);
        Target through = mock.target().withBaseUrl("mutant:" + mutant.name(), proxy.baseUrl());
        return contracts.stream().map(c -> ContractRunner.run(c, through)).filter(r -> r.outcome() == Outcome.FAILED).toList();
    }

    private static void writeReport() throws IOException {
        StringBuilder md = new StringBuilder("# Mutant self-check\n\nEach mutant breaks the mock's correct answers in one way; "
                + "the contracts listed failed against it, with their reason.\n\n| Mutant | What it breaks | Caught by |\n|---|---|---|\n");
        for (Mutant m : Mutants.all()) {
            List<ContractResult> caught = CAUGHT.getOrDefault(m.name(), List.of());
            md.append("| `").append(m.name()).append("` | ").append(m.breaks()).append(" | ");
            caught.forEach(r -> md.append("`").append(r.id()).append("`: ").append(r.reason().replace("|", "\\|")).append("<br>"));
            md.append(caught.isEmpty() ? "**nothing (not run or not caught)**" : "").append(" |\n");
        }
        Path dir = Path.of(System.getProperty("contract.reportDir", "target"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("mutant-report.md"), md.toString());
    }
}
