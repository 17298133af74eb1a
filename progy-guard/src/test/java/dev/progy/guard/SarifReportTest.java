package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SARIF output validates against the SARIF 2.1.0 JSON Schema (the OASIS schema as published in the
 * {@code @microsoft/jest-sarif} npm package, MIT, kept in the test resources) and says what a code-scanning UI shows.
 */
class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Schema sarifSchema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif-2.1.0-rtm.5.json")) {
            JsonNode raw = MAPPER.readTree(in);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
            Schema schema = registry.getSchema(SchemaLocation.of(raw.get("id").asText()), raw);
            schema.initializeValidators();
            return schema;
        }
    }

    private static GuardReport report() {
        return new GuardReport("demo", "demo", List.of(
                new Finding(GuardRules.PIPE_TO_SHELL, "Dockerfile", 3, "RUN pipes a download into a shell", "download, check, run"),
                new Finding(GuardRules.NETWORK_ACCESS, "course.json", 0, "runner 'web' asks for network access", "")));
    }

    @Test
    @DisplayName("validates against the SARIF 2.1.0 schema, and a broken log does not (the check can fail)")
    void validatesAgainstSchema() throws IOException {
        Schema schema = sarifSchema();
        JsonNode sarif = SarifReport.of(report());
        List<Error> errors = schema.validate(sarif);
        assertThat(errors).isEmpty();

        ObjectNode broken = sarif.deepCopy();
        broken.remove("version");
        ((ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
        assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("each finding is a result with its rule, level, file and line; every rule is described")
    void resultsAndRules() {
        JsonNode sarif = SarifReport.of(report());
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("ruleId").asText()).isEqualTo("PG-D005");
        assertThat(results.get(0).path("level").asText()).isEqualTo("error");
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(results.get(0).at("/message/text").asText()).contains("Fix: download, check, run");
        assertThat(results.get(1).path("level").asText()).isEqualTo("warning");
        assertThat(results.get(1).at("/locations/0/physicalLocation/region").isMissingNode()).isTrue();
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(GuardRules.all().size());
        assertThat(rules.get(results.get(0).path("ruleIndex").asInt()).path("id").asText()).isEqualTo("PG-D005");
    }
}
