package org.rostersync;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds the package rules of docs/architecture.md: each package uses only the packages listed for it, so nothing below
 * imports upward. Every package with classes, but the wiring at the root, has its rule ({@link ArchitectureDocumentTest}
 * holds the document to this list).
 */
class ArchitectureTest {

    static final String ROOT = "org.rostersync.";

    /** Package → the packages of ours it may use (besides itself). */
    static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("config", List.of()),
            Map.entry("security", List.of("config")),
            Map.entry("database", List.of("config")),
            Map.entry("backup", List.of("config", "database")),
            Map.entry("operator", List.of("config", "database", "security", "tenant")),
            Map.entry("oneroster", List.of()),
            Map.entry("report", List.of("database")),
            Map.entry("roster", List.of("database", "oneroster")),
            Map.entry("tenant", List.of("config", "database", "security")),
            Map.entry("intake.inbox", List.of("config", "database", "storage")),
            Map.entry("storage", List.of("config")),
            Map.entry("intake.sftp", List.of("config", "database", "security", "oneroster", "tenant", "intake.inbox", "report")),
            Map.entry("intake.remote", List.of("config", "database", "oneroster", "tenant", "intake.inbox", "security", "report")),
            Map.entry("pipeline", List.of("config", "database", "oneroster", "tenant", "intake.inbox", "intake.remote", "roster",
                    "report")),
            Map.entry("schedule", List.of("config", "database", "oneroster", "tenant", "intake.inbox", "report", "pipeline")),
            Map.entry("notify", List.of("config", "database", "tenant", "report", "intake.inbox")),
            Map.entry("api", List.of("config", "security", "api.oneroster")),
            Map.entry("api.admin", List.of("tenant", "operator", "security", "report", "pipeline", "schedule", "intake.sftp",
                    "intake.remote", "notify", "roster")),
            Map.entry("api.oneroster", List.of("config", "database", "roster", "tenant", "oneroster", "security", "report")),
            Map.entry("api.docs", List.of()),
            Map.entry("health", List.of("database", "intake.sftp", "storage")),
            Map.entry("metrics", List.of("config", "operator", "security", "tenant")),
            Map.entry("console", List.of("config", "database", "security", "operator", "tenant", "report", "pipeline", "schedule",
                    "notify", "intake.inbox", "intake.sftp", "intake.remote", "roster")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.rostersync");
    }

    @Test
    void eachPackageUsesOnlyThePackagesItIsAllowedTo() {
        ALLOWED.forEach((pkg, allowed) -> {
            String[] forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .map(other -> ROOT + other)
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(ROOT + pkg)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("docs/architecture.md: " + pkg + " may use only " + allowed);
            rule.check(classes);
        });
    }

    @Test
    void everyPackageWithClassesHasItsRule() {
        Set<String> unruled = classes.stream()
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT))
                .map(name -> name.substring(ROOT.length()))
                .filter(pkg -> !ALLOWED.containsKey(pkg))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unruled, "packages without a rule in ArchitectureTest.ALLOWED (and docs/architecture.md)");
    }

    @Test
    void nothingBelowTheEntryPointsImportsThem() {
        noClasses().that().resideInAnyPackage(ROOT + "oneroster..", ROOT + "roster..", ROOT + "report..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + "pipeline..", ROOT + "intake..", ROOT + "api..")
                .check(classes);
    }
}
