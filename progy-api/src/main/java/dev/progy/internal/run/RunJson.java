package dev.progy.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.support.json.JsonTrees;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A run result as the SDK keeps it in {@code .progy/runs/}: its own storage format, read back only by {@link LastRuns}.
 * The CLI's {@code --json} is a separate, public format that may grow apart from this one.
 */
final class RunJson {

    private RunJson() { }

    /** The saved form of {@code r}: {@code status, termination, summary, tests[], diagnostics[], output, ...}. */
    static ObjectNode write(RunResult r) {
        ObjectNode n = JsonTrees.object();
        n.put("status", lower(r.status()));
        n.put("passed", r.passed());
        n.put("termination", lower(r.termination()));
        n.put("summary", r.summary());
        ArrayNode tests = n.putArray("tests");
        for (TestOutcome t : r.tests()) {
            ObjectNode tn = tests.addObject();
            tn.put("name", t.name());
            tn.put("status", lower(t.status()));
            tn.put("message", t.message());
            tn.put("output", t.output());
            t.duration().ifPresent(d -> tn.put("durationMs", d.toMillis()));
        }
        ArrayNode diags = n.putArray("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode dn = diags.addObject();
            dn.put("severity", lower(d.severity()));
            dn.put("message", d.message());
            dn.put("file", d.file());
            d.line().ifPresent(l -> dn.put("line", l));
            d.column().ifPresent(c -> dn.put("column", c));
            dn.put("code", d.code());
            dn.put("snippet", d.snippet());
            dn.put("suggestion", d.suggestion());
        }
        n.put("output", r.output());
        n.put("outputTruncated", r.outputTruncated());
        r.exitCode().ifPresent(c -> n.put("exitCode", c));
        r.score().ifPresent(s -> n.put("score", s));
        n.put("durationMs", r.duration().toMillis());
        n.put("source", lower(r.source()));
        return n;
    }

    /** Reads back what {@link #write(RunResult)} wrote. */
    static RunResult read(JsonNode n) {
        List<TestOutcome> tests = new ArrayList<>();
        for (JsonNode t : n.path("tests")) {
            tests.add(new TestOutcome(t.path("name").asText(), enumOf(RunResult.Status.class, t.path("status").asText()),
                    t.path("message").asText(), t.path("output").asText(),
                    t.has("durationMs") ? Optional.of(Duration.ofMillis(t.get("durationMs").asLong())) : Optional.empty()));
        }
        List<Diagnostic> diags = new ArrayList<>();
        for (JsonNode d : n.path("diagnostics")) {
            diags.add(new Diagnostic(Diagnostic.Severity.parse(d.path("severity").asText()), d.path("message").asText(),
                    d.path("file").asText(), optInt(d, "line"), optInt(d, "column"), d.path("code").asText(),
                    d.path("snippet").asText(), d.path("suggestion").asText()));
        }
        return new RunResult(enumOf(RunResult.Status.class, n.path("status").asText()),
                enumOf(RunResult.Termination.class, n.path("termination").asText("normal")),
                n.path("summary").asText(), tests, diags, n.path("output").asText(),
                n.path("outputTruncated").asBoolean(), optInt(n, "exitCode"), optInt(n, "score"),
                Duration.ofMillis(n.path("durationMs").asLong()),
                enumOf(RunResult.Source.class, n.path("source").asText("exit_code")));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String s) {
        return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    }

    private static OptionalInt optInt(JsonNode n, String field) {
        return n.has(field) ? OptionalInt.of(n.get(field).asInt()) : OptionalInt.empty();
    }
}
