package org.rostersync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Holds the package rules of ARCHITECTURE.md: each feature package uses only the packages listed for it, so nothing
 * below imports upward.
 */
class ArchitectureTest {

    private static final String ROOT = "org.rostersync.";
    private static final String[] ALL = {"config", "database", "security", "operator", "oneroster", "tenant", "intake.inbox",
            "intake.sftp", "intake.remote", "pipeline", "schedule", "notify", "roster", "report", "api", "api.admin", "api.oneroster",
            "api.docs", "health", "console"};

    /** Package → the packages of ours it may use (besides itself). */
    private static final Map<String, String[]> ALLOWED = Map.ofEntries(
            Map.entry("config", new String[]{}),
            Map.entry("security", new String[]{"config"}),
            Map.entry("database", new String[]{"config"}),
            Map.entry("operator", new String[]{"config", "database", "security"}),
            Map.entry("oneroster", new String[]{}),
            Map.entry("report", new String[]{"database"}),
            Map.entry("roster", new String[]{"database", "oneroster"}),
            Map.entry("tenant", new String[]{"config", "database", "security"}),
            Map.entry("intake.inbox", new String[]{"database", "config"}),
            Map.entry("intake.sftp", new String[]{"config", "database", "security", "oneroster", "tenant", "intake.inbox",
                    "report"}),
            Map.entry("intake.remote", new String[]{"config", "database", "oneroster", "tenant", "intake.inbox", "security",
                    "report"}),
            Map.entry("pipeline", new String[]{"config", "database", "oneroster", "tenant", "intake.inbox", "intake.remote", "roster",
                    "report"}),
            Map.entry("schedule", new String[]{"config", "database", "oneroster", "tenant", "intake.inbox", "report", "pipeline"}),
            Map.entry("notify", new String[]{"config", "database", "tenant", "report"}),
            Map.entry("api.admin", new String[]{"tenant", "operator", "security", "report", "pipeline", "schedule", "intake.sftp",
                    "intake.remote", "notify"}),
            Map.entry("api.oneroster", new String[]{"config", "database", "roster", "tenant", "oneroster", "security", "report"}),
            Map.entry("api.docs", new String[]{}),
            Map.entry("health", new String[]{"database", "intake.sftp"}),
            Map.entry("console", new String[]{"config", "database", "security", "operator", "tenant", "report", "pipeline", "schedule",
                    "notify", "intake.inbox", "intake.sftp", "intake.remote"}));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.rostersync");
    }

    @Test
    void eachPackageUsesOnlyThePackagesItIsAllowedTo() {
        ALLOWED.forEach((pkg, allowed) -> {
            String[] forbidden = Arrays.stream(ALL)
                    .filter(other -> !other.equals(pkg) && !Arrays.asList(allowed).contains(other))
                    .filter(other -> !(pkg.startsWith(other + ".")))
                    .map(other -> ROOT + other + (other.equals("api") ? "" : ".."))
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(ROOT + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("ARCHITECTURE.md: " + pkg + " may use only " + Arrays.toString(allowed));
            rule.check(classes);
        });
    }

    @Test
    void nothingBelowTheEntryPointsImportsThem() {
        noClasses().that().resideInAnyPackage(ROOT + "oneroster..", ROOT + "roster..", ROOT + "report..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + "pipeline..", ROOT + "intake..", ROOT + "api..")
                .check(classes);
    }
}
