package dev.mantlemock.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package rules a newcomer must keep (README, "How it is built"), checked on the compiled classes
 * of mock-server: no package cycle, the shared domain types in a leaf, the pipeline above the domain only.
 */
class PackageRulesTest {
    private static final JavaClasses MOCK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mantlemock");

    /** Each package, sub-packages apart ({@code api} and {@code api.validation} are two slices). */
    private static ArchRule noCycleBetweenPackages(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void theMockHasNoPackageCycle() {
        assertThat(MOCK.containPackage("dev.mantlemock.server")).isTrue(); // the import saw the main classes
        noCycleBetweenPackages("dev.mantlemock").check(MOCK);
    }

    @Test
    void theCycleRuleFailsOnAPackageCycle() {
        JavaClasses withCycle = new ClassFileImporter().importPackages("dev.mantlemock.architecture.cycle");
        assertThatThrownBy(() -> noCycleBetweenPackages("dev.mantlemock.architecture.cycle").check(withCycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void theDomainImportsNoOtherPackageOfTheProject() {
        classes().that().resideInAPackage("dev.mantlemock.domain..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside the project or in domain",
                        c -> !c.getPackageName().startsWith("dev.mantlemock") || c.getPackageName().startsWith("dev.mantlemock.domain")))
                .check(MOCK);
    }

    @Test
    void theClientCodeImportsNoOtherPackageOfTheProject() {
        classes().that().resideInAPackage("dev.mantlemock.client..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside the project or in client",
                        c -> !c.getPackageName().startsWith("dev.mantlemock") || c.getPackageName().startsWith("dev.mantlemock.client")))
                .check(MOCK);
    }

    @Test
    void thePipelineKnowsOnlyTheDomain() {
        classes().that().resideInAPackage("dev.mantlemock.pipeline..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside the project, in pipeline or in domain",
                        c -> !c.getPackageName().startsWith("dev.mantlemock")
                                || c.getPackageName().startsWith("dev.mantlemock.pipeline")
                                || c.getPackageName().startsWith("dev.mantlemock.domain")))
                .check(MOCK);
    }

    @Test
    void onlyTheServerAndTheEntryPointsKnowTheConfigFile() { // the test kit is an entry point too: it starts servers
        classes().that().resideInAPackage("dev.mantlemock.config..")
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("dev.mantlemock", "dev.mantlemock.config..", "dev.mantlemock.server..", "dev.mantlemock.kit..")
                .check(MOCK);
    }
}
