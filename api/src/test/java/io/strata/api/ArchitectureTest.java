package io.strata.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency direction: libraries know no framework, the pipeline knows no server, nothing cycles. */
class ArchitectureTest {

    static JavaClasses strata;

    @BeforeAll
    static void importStrata() {
        strata = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strata");
    }

    @Test
    void schemaAndSpecsAreLibrariesWithoutSpringOrServer() {
        noClasses()
                .that()
                .resideInAnyPackage("io.strata.schema..", "io.strata.specs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "reactor..",
                        "io.strata.ingestion..",
                        "io.strata.api..",
                        "io.strata.stack..")
                .check(strata);
    }

    @Test
    void schemaDoesNotDependOnSpecs() {
        noClasses()
                .that()
                .resideInAPackage("io.strata.schema..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.strata.specs..")
                .check(strata);
    }

    @Test
    void ingestionDoesNotDependOnTheServer() {
        noClasses()
                .that()
                .resideInAPackage("io.strata.ingestion..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.strata.api..")
                .check(strata);
    }

    @Test
    void theLocalStackLauncherKnowsNothingOfStrata() {
        noClasses()
                .that()
                .resideInAPackage("io.strata.stack..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.strata.api..", "io.strata.ingestion..", "org.springframework..")
                .check(strata);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.strata.(*)..").should().beFreeOfCycles().check(strata);
    }
}
