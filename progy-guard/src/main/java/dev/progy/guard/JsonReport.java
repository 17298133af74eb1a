package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.Severity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** A {@link GuardReport} as Progy's own JSON: the verdict, counts per severity and every finding. */
public final class JsonReport {

    private JsonReport() { }

    /** The JSON of {@code report}. */
    public static JsonNode of(GuardReport report) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("course", report.course());
        n.put("source", report.source());
        n.put("passed", report.passed());
        ObjectNode counts = n.putObject("counts");
        for (Severity s : Severity.values()) {
            counts.put(s.name().toLowerCase(Locale.ROOT), report.count(s));
        }
        ArrayNode findings = n.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode o = findings.addObject();
            o.put("rule", f.rule().id());
            o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("fix", f.fix());
        }
        if (!report.runs().isEmpty()) {
            ArrayNode runs = n.putArray("runs");
            for (SolutionCheck c : report.runs()) {
                ObjectNode o = runs.addObject();
                o.put("exercise", c.exercise());
                o.put("runner", c.runner());
                o.putObject("starter").put("passed", c.starterPassed()).put("verdict", c.starter());
                o.putObject("solution").put("passed", c.solutionPassed()).put("verdict", c.solution());
                o.put("asExpected", c.asExpected());
            }
        }
        return n;
    }
}
