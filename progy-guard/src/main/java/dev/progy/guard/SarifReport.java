package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A {@link GuardReport} as SARIF 2.1.0, the format code-scanning UIs and CI systems read: one run of the tool
 * {@code progy-guard}, its rules with their rationale, one result per finding with its file and line; the
 * suggested fix rides in the result's message (SARIF's own {@code fixes} want exact text edits).
 */
public final class SarifReport {

    /** The schema the output declares and validates against. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() { }

    /** The SARIF log of {@code report}. */
    public static JsonNode of(GuardReport report) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode log = json.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "progy-guard");
        driver.put("informationUri", "https://progy.dev/guard");
        List<GuardRule> rules = GuardRules.all();
        ArrayNode ruleArray = driver.putArray("rules");
        for (GuardRule r : rules) {
            ObjectNode o = ruleArray.addObject();
            o.put("id", r.id());
            o.putObject("shortDescription").put("text", r.title());
            o.putObject("fullDescription").put("text", r.rationale());
            o.putObject("defaultConfiguration").put("level", r.severity().sarifLevel());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.rule().id());
            o.put("ruleIndex", rules.indexOf(f.rule()));
            o.put("level", f.severity().sarifLevel());
            o.putObject("message").put("text", f.message() + (f.fix().isEmpty() ? "" : ". Fix: " + f.fix()));
            ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.file());
            if (f.line() > 0) {
                physical.putObject("region").put("startLine", f.line());
            }
        }
        return log;
    }
}
