package dev.progy.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The server's house (DESIGN.md): capabilities meet only through account; shared packages serve them all. */
class HouseRulesTest {

    static final List<String> CAPABILITIES = List.of("account", "sync", "registry", "ai", "analytics", "live");
    static final List<String> SHARED = List.of("http", "jobs", "web", "db");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.progy.server");

    @Test
    @DisplayName("a capability package never imports another capability, except account (who is asking)")
    void capabilitiesStayApart() {
        for (String c : CAPABILITIES) {
            String[] others = CAPABILITIES.stream().filter(o -> !o.equals(c) && !o.equals("account"))
                    .map(o -> "dev.progy.server." + o + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.progy.server." + c + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others).allowEmptyShould(true).check(classes);
        }
        noClasses().that().resideInAPackage("dev.progy.server.account..").should().dependOnClassesThat()
                .resideInAnyPackage(CAPABILITIES.stream().filter(o -> !o.equals("account"))
                        .map(o -> "dev.progy.server." + o + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    @DisplayName("the shared packages (http, jobs, web, db) import no capability and not the composition root")
    void sharedPackagesServeAll() {
        for (String s : SHARED) {
            String[] capabilities = CAPABILITIES.stream().map(o -> "dev.progy.server." + o + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.progy.server." + s + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(capabilities).allowEmptyShould(true).check(classes);
            noClasses().that().resideInAPackage("dev.progy.server." + s + "..").should().dependOnClassesThat()
                    .resideInAPackage("dev.progy.server").allowEmptyShould(true).check(classes);
        }
    }
}
