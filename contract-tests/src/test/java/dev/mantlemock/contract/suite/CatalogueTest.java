package dev.mantlemock.contract.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.checks.ContractCatalogue;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    @Test
    void everyContractHasItsOwnId() {
        assertThat(ContractCatalogue.all()).extracting(Contract::id).doesNotHaveDuplicates();
    }

    @Test
    void exactlyTheFixtureScenariosAreMockOnly() {
        assertThat(ContractCatalogue.all()).filteredOn(Contract::mockOnly).extracting(Contract::id)
                .allMatch(id -> id.startsWith("fixture."))
                .hasSize(6);
    }
}
