package dev.progy.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of the modules (the README's module table), as ArchUnit rules every module applies to its own main
 * classes with {@link #check(String)}:
 * <ul>
 *   <li>progy-api depends on no other progy module;</li>
 *   <li>the helpers for adapter authors ({@code dev.progy.spi.support..}) never reach into progy-api's internals;</li>
 *   <li>adapters depend on progy-api's public packages only, never on its internals or on each other;</li>
 *   <li>the CLI and the server never name an adapter's classes (adapters are found through ServiceLoader);</li>
 *   <li>vendor types (docker-java, JGit, langchain4j, Javalin, JDBC, picocli) stay inside their own module.</li>
 * </ul>
 */
public final class LayeringRules {

    /** Root package of each module other than progy-api. */
    static final Map<String, String> MODULES = Map.of(
            "progy-runner-docker", "dev.progy.runner.docker",
            "progy-runner-podman", "dev.progy.runner.podman",
            "progy-guard", "dev.progy.guard",
            "progy-assets", "dev.progy.assets",
            "progy-sync", "dev.progy.sync",
            "progy-cli", "dev.progy.cli",
            "progy-server", "dev.progy.server");

    /** Vendor packages and the one module package each may be used from. */
    static final Map<String, String> VENDORS = Map.of(
            "com.github.dockerjava..", "dev.progy.runner.docker..",
            "org.eclipse.jgit..", "dev.progy.sync..",
            "dev.langchain4j..", "dev.progy.sync.ai..",
            "io.javalin..", "dev.progy.server..",
            "java.sql..", "dev.progy.sync..",
            "picocli..", "dev.progy.cli..");

    private static final List<String> ADAPTERS = List.of("dev.progy.runner.docker", "dev.progy.runner.podman");

    private LayeringRules() { }

    /** The rules that apply to the module whose root package is {@code rootPackage} ({@code dev.progy} for progy-api). */
    public static List<ArchRule> rulesFor(String rootPackage) {
        List<ArchRule> rules = new ArrayList<>();
        if (rootPackage.equals("dev.progy")) {
            String[] others = MODULES.values().stream().map(p -> p + "..").toArray(String[]::new);
            rules.add(noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("progy-api depends on no other progy module"));
            rules.add(noClasses().that().resideInAPackage("dev.progy.spi.support..").should().dependOnClassesThat()
                    .resideInAnyPackage("dev.progy.internal..")
                    .because("the helpers adapters build on stand on their own: what they need lives in spi.support"));
        } else {
            String self = rootPackage + "..";
            String[] otherModules = MODULES.values().stream().filter(p -> !p.equals(rootPackage))
                    .map(p -> p + "..").toArray(String[]::new);
            if (ADAPTERS.contains(rootPackage) || rootPackage.equals("dev.progy.cli") || rootPackage.equals("dev.progy.server")) {
                rules.add(noClasses().that().resideInAPackage(self).should().dependOnClassesThat()
                        .resideInAnyPackage("dev.progy.internal..")
                        .because("only progy-api's public packages are its API; adapters are found through ServiceLoader"));
            }
            if (ADAPTERS.contains(rootPackage)) {
                rules.add(noClasses().that().resideInAPackage(self).should().dependOnClassesThat()
                        .resideInAnyPackage(otherModules).because("adapters depend only on progy-api, never on each other"));
            } else {
                String[] adapters = ADAPTERS.stream().map(p -> p + "..").toArray(String[]::new);
                rules.add(noClasses().that().resideInAPackage(self).should().dependOnClassesThat()
                        .resideInAnyPackage(adapters)
                        .because("the CLI, the server and the feature modules never name an adapter's classes"));
            }
        }
        VENDORS.forEach((vendor, home) -> {
            if (!home.equals(rootPackage + "..")) {
                rules.add(noClasses().that().resideInAPackage(rootPackage + "..").and().resideOutsideOfPackage(home)
                        .should().dependOnClassesThat().resideInAPackage(vendor)
                        .because(vendor + " types stay inside " + home));
            }
        });
        return rules;
    }

    /** Imports the module's main classes from the class path and checks every rule that applies to it. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (rootPackage.equals("dev.progy")) {
            // progy-api's own classes: other modules' packages are not on its class path
            classes = classes.that(com.tngtech.archunit.base.DescribedPredicate.describe("in progy-api",
                    c -> MODULES.values().stream().noneMatch(p -> c.getPackageName().startsWith(p))));
        }
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes found under " + rootPackage + ": the layering check would check nothing");
        }
        for (ArchRule rule : rulesFor(rootPackage)) {
            rule.check(classes);
        }
    }
}
