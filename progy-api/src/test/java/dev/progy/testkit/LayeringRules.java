package dev.progy.testkit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the modules (the README's module table), as ArchUnit rules every module applies to its own main
 * classes with {@link #check(String)}:
 * <ul>
 *   <li>progy-api depends on no other progy module;</li>
 *   <li>the helpers for adapter authors ({@code dev.progy.spi.support..}) never reach into progy-api's internals;</li>
 *   <li>adapters depend on progy-api's public packages only, never on its internals or on each other;</li>
 *   <li>the CLI and the server never name an adapter's classes (adapters are found through ServiceLoader);</li>
 *   <li>vendor types (docker-java, JGit, langchain4j, Javalin, JDBC, picocli) stay inside their own module;</li>
 *   <li>only a {@code Main} class touches {@code System.out}, {@code System.err} or {@code printStackTrace()};</li>
 *   <li>no two packages of a module depend on each other, directly or around a loop (each package is a slice);</li>
 *   <li>the model ({@code dev.progy.model}) depends only on the JDK (and JSpecify's nullness annotations);</li>
 *   <li>the API an embedder and an adapter author program against ({@code dev.progy}, {@code dev.progy.spi},
 *       {@code dev.progy.model}) shows no Jackson type in a public or protected signature.</li>
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

    /** Each package its own slice: a cycle between any two packages is reported, the root package's included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "packages";
        }
    };

    /** The packages whose public signatures are the SDK's API (the helpers under spi.support are not). */
    private static final String[] API_PACKAGES = {"dev.progy", "dev.progy.spi", "dev.progy.model"};

    private LayeringRules() { }

    /** No public or protected field, method, constructor or supertype of a class names a type from {@code prefix}. */
    static ArchCondition<JavaClass> exposeNoTypesFrom(String prefix) {
        return new ArchCondition<>("expose no " + prefix + " type in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                Stream.concat(Stream.of(c.getSuperclass().orElse(null)), c.getInterfaces().stream())
                        .filter(java.util.Objects::nonNull)
                        .forEach(t -> named(t, prefix, c.getName() + " extends ", found));
                for (JavaMember m : c.getMembers()) {
                    if (!m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    if (m instanceof JavaField f) {
                        named(f.getType(), prefix, f.getFullName(), found);
                    } else if (m instanceof JavaCodeUnit u) {
                        named(u.getReturnType(), prefix, u.getFullName(), found);
                        u.getParameterTypes().forEach(t -> named(t, prefix, u.getFullName(), found));
                    }
                }
                found.forEach(f -> events.add(SimpleConditionEvent.violated(c, f)));
            }
        };
    }

    private static void named(JavaType type, String prefix, String where, List<String> found) {
        type.getAllInvolvedRawTypes().stream().filter(t -> t.getName().startsWith(prefix))
                .forEach(t -> found.add(where + " names " + t.getName()));
    }

    /** The rules that apply to the module whose root package is {@code rootPackage} ({@code dev.progy} for progy-api). */
    public static List<ArchRule> rulesFor(String rootPackage) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(slices().assignedFrom(PACKAGES).should().beFreeOfCycles()
                .because("a package cycle makes two packages one: neither can be understood, tested or moved alone"));
        if (rootPackage.equals("dev.progy")) {
            rules.add(classes().that().resideInAPackage("dev.progy.model..").should().onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "dev.progy.model..", "org.jspecify.annotations..")
                    .because("the model is plain immutable data that every layer and every embedder can hold"));
            rules.add(classes().that().resideInAnyPackage(API_PACKAGES).and().arePublic()
                    .should(exposeNoTypesFrom("com.fasterxml.jackson"))
                    .because("an embedder's code must not change when the SDK changes its JSON library"));
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
        rules.add(noClasses().that().resideInAPackage(rootPackage + "..").and().doNotHaveSimpleName("Main")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("only a Main owns the process's streams: a library reports through what its caller gives it "
                        + "(the CLI prints through CliContext's writers, which its Main makes)"));
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
        // every broken rule at once, not only the first
        StringBuilder failures = new StringBuilder();
        for (ArchRule rule : rulesFor(rootPackage)) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.append(result.getFailureReport()).append(System.lineSeparator());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.toString());
        }
    }
}
