package dev.progy.server.tutor;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the CLI sends for a lesson (the README's "AI tutor" paragraph), checked: the exercise's own files, the failing test, diagnostics,
 * the output's tail, the diffs between attempts, the README and the course's hints, each within its size.
 */
record LessonRequest(String course, String version, String exercise, String test, int failures,
                     List<Diagnostic> diagnostics, String output, List<File> files, List<String> diffs, String readme,
                     List<String> hints) {

    record Diagnostic(String file, int line, String message) { }

    record File(String path, String content) { }

    private static final Set<String> FIELDS = Set.of("course", "version", "exercise", "test", "failures",
            "diagnostics", "output", "files", "attempts", "readme", "hints");

    static LessonRequest parse(JsonNode n) {
        for (var names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw AiKeyRoutes.bad("The field \"" + name + "\" is not one a lesson request has; fields are "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ".");
            }
        }
        String course = text(n, "course", 200, true);
        String exercise = text(n, "exercise", 200, true);
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (JsonNode d : array(n, "diagnostics", 100)) {
            diagnostics.add(new Diagnostic(text(d, "file", 300, false), d.path("line").asInt(0),
                    text(d, "message", 2000, false)));
        }
        List<File> files = new ArrayList<>();
        for (JsonNode f : array(n, "files", 20)) {
            files.add(new File(text(f, "path", 300, true), text(f, "content", 32 * 1024, false)));
        }
        List<String> diffs = new ArrayList<>();
        for (JsonNode a : array(n, "attempts", 20)) {
            diffs.add(text(a, "diff", 8 * 1024, false));
        }
        List<String> hints = new ArrayList<>();
        for (JsonNode h : array(n, "hints", 50)) {
            if (!h.isTextual() || h.asText().length() > 4000) {
                throw AiKeyRoutes.bad("Each hint is a text of at most 4000 characters.");
            }
            hints.add(h.asText());
        }
        return new LessonRequest(course, text(n, "version", 64, false), exercise, text(n, "test", 300, false),
                n.path("failures").asInt(0), diagnostics, text(n, "output", 8 * 1024, false), files, diffs,
                text(n, "readme", 16 * 1024, false), hints);
    }

    private static String text(JsonNode n, String name, int most, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw AiKeyRoutes.bad("The lesson request has no " + name + ".");
            }
            return "";
        }
        if (!v.isTextual() || v.asText().length() > most || required && v.asText().isBlank()) {
            throw AiKeyRoutes.bad("The " + name + " should be a text of at most " + most + " characters.");
        }
        return v.asText();
    }

    private static List<JsonNode> array(JsonNode n, String name, int most) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > most) {
            throw AiKeyRoutes.bad("The " + name + " should be a list of at most " + most + ".");
        }
        List<JsonNode> all = new ArrayList<>();
        v.forEach(e -> {
            if (!e.isObject() && !name.equals("hints")) {
                throw AiKeyRoutes.bad("Each of the " + name + " should be a JSON object.");
            }
            all.add(e);
        });
        return all;
    }
}
