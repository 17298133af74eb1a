package dev.progy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.progy.model.ModelWithJackson;
import dev.progy.testkit.LayeringRules;
import dev.progy.testkit.fixture.a.Upstream;
import dev.progy.testkit.fixture.b.Downstream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared layering rules catch what they are there for (each module runs them on its own classes). */
class LayeringRulesTest {

    private static String violations(Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        StringBuilder report = new StringBuilder();
        for (ArchRule rule : LayeringRules.rulesFor("dev.progy")) {
            var result = rule.allowEmptyShould(true).evaluate(imported); // a few classes: most rules see none
            if (result.hasViolation()) {
                report.append(result.getFailureReport()).append('\n');
            }
        }
        return report.toString();
    }

    @Test
    @DisplayName("two packages that use each other are reported as a cycle")
    void packageCycle() {
        assertThat(violations(Upstream.class, Downstream.class))
                .contains("Cycle detected").contains("dev.progy.testkit.fixture.a").contains("dev.progy.testkit.fixture.b");
    }

    @Test
    @DisplayName("a public signature of the API that names a Jackson type is reported, a package-private one is not")
    void jacksonInTheApi() {
        String report = violations(JacksonInSignature.class);
        assertThat(report).contains("JacksonInSignature.tree() names com.fasterxml.jackson.databind.node.ObjectNode")
                .contains("JacksonInSignature.read(java.util.List) names com.fasterxml.jackson.databind.node.ObjectNode")
                .doesNotContain("hidden()");
    }

    @Test
    @DisplayName("a model type that depends on anything but the JDK is reported")
    void modelOnlyOnJava() {
        assertThat(violations(ModelWithJackson.class)).contains("ModelWithJackson").contains("com.fasterxml.jackson.databind.JsonNode");
    }
}
