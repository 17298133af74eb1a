package dev.progy.spi.support.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.TestOutcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The original Progy's report: a JSON object printed between {@code __SRP_BEGIN__} and {@code __SRP_END__}. */
final class SrpReport {

    static final String BEGIN = "__SRP_BEGIN__";
    static final String END = "__SRP_END__";

    /** How many {@code {} positions the bare-JSON fallback tries before giving up, so a huge log stays cheap. */
    private static final int FALLBACK_ATTEMPTS = 200;

    private SrpReport() { }

    /**
     * What was found in an output.
     *
     * @param json          the report's JSON text, if a block (or a bare object with {@code success}) was found
     * @param outputWithout the output with the block or bare object cut out
     */
    record Found(Optional<String> json, String outputWithout) { }

    static Found find(String output) {
        int begin = output.indexOf(BEGIN);
        if (begin >= 0) {
            int end = output.indexOf(END, begin + BEGIN.length());
            if (end >= 0) {
                String json = output.substring(begin + BEGIN.length(), end);
                return new Found(Optional.of(json), cut(output, begin, end + END.length()));
            }
        }
        return findBare(output);
    }

    static RunResult read(Found found, RawRun run) {
        String json = found.json().orElseThrow();
        // like the original, anything around the object inside the block is ignored
        int open = json.indexOf('{');
        int close = json.lastIndexOf('}');
        JsonNode report;
        try {
            report = open < 0 ? null
                    : JsonTrees.read(json.substring(open, close > open ? close + 1 : json.length()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return broken(run, found, "is not valid JSON" + where);
        } catch (IOException e) {
            return broken(run, found, "is not valid JSON");
        }
        if (report == null || !report.isObject()) {
            return broken(run, found, "holds no JSON object");
        }
        JsonNode success = report.get("success");
        if (success == null || !success.isBoolean()) {
            return broken(run, found, "has no boolean \"success\" field");
        }
        List<TestOutcome> tests = new ArrayList<>();
        for (JsonNode t : iterable(report.get("tests"))) {
            if (t.isObject()) {
                tests.add(new TestOutcome(JsonFields.text(t, "name"), testStatus(JsonFields.text(t, "status")),
                        JsonFields.text(t, "message"), "", JsonFields.duration(t, "duration")));
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (JsonNode d : iterable(report.get("diagnostics"))) {
            if (d.isObject()) {
                diagnostics.add(new Diagnostic(Diagnostic.Severity.parse(JsonFields.text(d, "severity")),
                        JsonFields.text(d, "message"), JsonFields.text(d, "file"),
                        JsonFields.positiveInt(d, "line"), JsonFields.positiveInt(d, "column"),
                        JsonFields.text(d, "code"), JsonFields.text(d, "snippet"), JsonFields.text(d, "suggestion")));
            }
        }
        String output = withRaw(found.outputWithout(), JsonFields.text(report, "raw"));
        return ResultProtocol.reported(run, success.asBoolean() ? Status.PASS : Status.FAIL, Source.SRP,
                JsonFields.text(report, "summary"), tests, diagnostics, output, JsonFields.score(report, "score"));
    }

    private static RunResult broken(RawRun run, Found found, String problem) {
        return ResultProtocol.brokenReport(run, Source.SRP, "the course's runner printed an SRP block that "
                + problem + "; its author must print one JSON object with a boolean \"success\" between "
                + BEGIN + " and " + END, found.outputWithout());
    }

    /** The original's fallback: the last {@code {…}} in the output that is a JSON object with a boolean success. */
    private static Found findBare(String output) {
        int lastSuccess = output.lastIndexOf("\"success\"");
        if (lastSuccess < 0) {
            return new Found(Optional.empty(), output);
        }
        char[] chars = output.toCharArray();
        int attempts = 0;
        for (int i = output.lastIndexOf('{', lastSuccess); i >= 0 && attempts < FALLBACK_ATTEMPTS;
             i = output.lastIndexOf('{', i - 1), attempts++) {
            try (JsonParser p = JsonTrees.parser(chars, i)) {
                JsonNode node = JsonTrees.readValue(p);
                if (node != null && node.isObject() && node.path("success").isBoolean()) {
                    int end = i + (int) p.currentLocation().getCharOffset();
                    return new Found(Optional.of(output.substring(i, end)), cut(output, i, end));
                }
            } catch (IOException e) {
                // not JSON from here: try the previous brace
            }
        }
        return new Found(Optional.empty(), output);
    }

    /** The output without {@code [from, to)}, and without the line break that ended the cut part. */
    private static String cut(String output, int from, int to) {
        int after = to;
        if (after < output.length() && output.charAt(after) == '\r') {
            after++;
        }
        if (after < output.length() && output.charAt(after) == '\n') {
            after++;
        }
        String rest = output.substring(0, from) + output.substring(after);
        return rest.isBlank() ? "" : rest;
    }

    /** Wrapper scripts put the student's output in {@code raw}; show it unless it was printed already. */
    private static String withRaw(String output, String raw) {
        if (raw.isBlank() || output.contains(raw.strip())) {
            return output;
        }
        if (output.isEmpty()) {
            return raw;
        }
        return output + (output.endsWith("\n") ? "" : "\n") + raw;
    }

    private static Status testStatus(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "pass", "passed", "ok", "success" -> Status.PASS;
            case "error" -> Status.ERROR;
            default -> Status.FAIL;
        };
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }
}
