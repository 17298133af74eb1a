package dev.progy.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.guard.rule.Finding;
import dev.progy.guard.GuardReport;
import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;
import dev.progy.guard.SarifReport;
import dev.progy.guard.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Guard findings as a publish keeps them (JSON per step) and shows them: a text report and SARIF 2.1.0.
 */
final class GuardFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardFindings() { }

    static String toJson(List<Finding> findings) {
        ArrayNode all = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = all.addObject();
            o.put("rule", f.rule().id());
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("message", f.message());
            o.put("fix", f.fix());
        }
        return all.toString();
    }

    static List<Finding> fromJson(String json) {
        List<Finding> out = new ArrayList<>();
        try {
            for (JsonNode o : JSON.readTree(json)) {
                Optional<GuardRule> rule = GuardRules.all().stream()
                        .filter(r -> r.id().equals(o.path("rule").asText())).findFirst();
                rule.ifPresent(r -> out.add(new Finding(r, o.path("file").asText(), o.path("line").asInt(),
                        o.path("message").asText(), o.path("fix").asText())));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The findings as a person reads them: a summary line, then one finding a line with its fix below it. */
    static String text(String course, List<Finding> findings) {
        GuardReport report = new GuardReport(course, course, findings);
        StringBuilder b = new StringBuilder("Course Guard on " + course + ": " + report.count(Severity.ERROR)
                + " error(s), " + report.count(Severity.WARNING) + " warning(s), " + report.count(Severity.INFO)
                + " note(s)" + (report.passed() ? "; it passes." : "; it is refused.") + "\n");
        for (Finding f : report.findings()) {
            b.append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(f.rule().id())
                    .append(' ').append(f.location()).append(": ").append(f.message()).append('\n');
            if (!f.fix().isBlank()) {
                b.append("    fix: ").append(f.fix()).append('\n');
            }
        }
        return b.toString();
    }

    static String sarif(String course, List<Finding> findings) {
        return SarifReport.of(new GuardReport(course, course, findings)).toString();
    }

    /** One line about a step's findings: how many of each severity, and the first error's message. */
    static String summary(List<Finding> findings, String clean) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return clean;
        }
        Optional<Finding> first = findings.stream().filter(f -> f.severity() == (errors > 0 ? Severity.ERROR
                : Severity.WARNING)).findFirst();
        return (errors > 0 ? errors + " error(s)" : "") + (errors > 0 && warnings > 0 ? ", " : "")
                + (warnings > 0 ? warnings + " warning(s)" : "") + first.map(f -> "; " + f.rule().id() + " "
                + f.location() + ": " + f.message()).orElse("");
    }
}
