package dev.progy.sync.tutor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.Workspace;
import dev.progy.model.Exercise;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a lesson is asked with ({@code POST /api/v1/tutor/lessons}): the course, the exercise, the failing test and how
 * many runs in a row it failed, the newest run's findings and output, the exercise's own files now, the diffs between
 * the attempts, the exercise's README and the course's hints. Every text that comes from the student's machine went
 * through the redaction the caller gives; every part is capped, and the whole stays under {@value #MAX_BYTES} bytes.
 */
public record LessonRequest(String course, String version, String exercise, String test, int failures,
                            List<FailureHistory.Finding> diagnostics, String output, Map<String, String> files,
                            List<Diff> attempts, String readme, List<String> hints) {

    /** The largest request the server takes. */
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_OUTPUT = 8 * 1024;
    public static final int MAX_DIFF = 8 * 1024;
    public static final int MAX_README = 16 * 1024;

    /** How the files changed for the attempt made {@code at}, from the attempt before. */
    public record Diff(Instant at, String diff) { }

    public LessonRequest {
        diagnostics = List.copyOf(diagnostics);
        files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        attempts = List.copyOf(attempts);
        hints = List.copyOf(hints);
    }

    /**
     * The request for {@code ex} in {@code ws}, from its history (oldest first) and its own files now, each text
     * passed through {@code redact}.
     */
    public static LessonRequest of(Workspace ws, Exercise ex, List<FailureHistory.Attempt> history,
                                   UnaryOperator<String> redact) {
        FailureHistory.Streak streak = FailureHistory.streak(history).orElse(null);
        FailureHistory.Attempt newest = history.isEmpty() ? null : history.get(history.size() - 1);
        String test = streak != null ? streak.test() : newest != null && !newest.failing().isEmpty()
                ? newest.failing().get(0) : "";
        Map<String, String> files = new java.util.LinkedHashMap<>();
        OwnFiles.read(ws, ex).forEach((path, text) -> files.put(path, redact.apply(text)));
        List<FailureHistory.Finding> findings = newest == null ? List.of() : newest.findings().stream()
                .map(f -> new FailureHistory.Finding(f.file(), f.line(), redact.apply(f.message()))).toList();
        String output = newest == null ? "" : tail(redact.apply(newest.output()), MAX_OUTPUT);
        List<Diff> diffs = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            String d = AttemptDiff.between(history.get(i - 1).files(), history.get(i).files(), MAX_DIFF);
            if (!d.isEmpty()) {
                diffs.add(new Diff(history.get(i).at(), cap(redact.apply(d), MAX_DIFF)));
            }
        }
        LessonRequest r = new LessonRequest(courseOf(ws), ws.course().version(), ex.id(), test,
                streak != null ? streak.times() : 0, findings, output, files, diffs,
                redact.apply(OwnFiles.readme(ws, ex, MAX_README)), ex.hints());
        return r.withinLimit();
    }

    /** How the server knows the workspace's course: its registry name when installed from one, else its id. */
    public static String courseOf(Workspace ws) {
        String from = ws.installedFrom();
        return from != null && from.startsWith("@") ? from.replaceFirst("@[^@/]*$", "") // without @version
                : ws.course().id();
    }

    /** The request with the oldest diffs, then the last files, left out until it fits in {@value #MAX_BYTES} bytes. */
    LessonRequest withinLimit() {
        LessonRequest r = this;
        while (r.size() > MAX_BYTES && !r.attempts.isEmpty()) {
            r = new LessonRequest(course, version, exercise, test, failures, diagnostics, output, files,
                    r.attempts.subList(1, r.attempts.size()), readme, hints);
        }
        while (r.size() > MAX_BYTES && r.files.size() > 1) {
            Map<String, String> fewer = new java.util.LinkedHashMap<>(r.files);
            fewer.remove(new ArrayList<>(fewer.keySet()).get(fewer.size() - 1));
            r = new LessonRequest(course, version, exercise, test, failures, diagnostics, output, fewer,
                    r.attempts, readme, hints);
        }
        return r;
    }

    private int size() {
        return json().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The request's body as the contract spells it. */
    public String json() {
        ObjectNode n = JsonTrees.object();
        n.put("course", course);
        n.put("version", version);
        n.put("exercise", exercise);
        n.put("test", test);
        n.put("failures", failures);
        ArrayNode d = n.putArray("diagnostics");
        for (FailureHistory.Finding f : diagnostics) {
            ObjectNode x = d.addObject().put("file", f.file());
            if (f.line() > 0) {
                x.put("line", f.line());
            }
            x.put("message", f.message());
        }
        n.put("output", output);
        ArrayNode fs = n.putArray("files");
        files.forEach((path, content) -> fs.addObject().put("path", path).put("content", content));
        ArrayNode as = n.putArray("attempts");
        attempts.forEach(a -> as.addObject().put("at", a.at().toString()).put("diff", a.diff()));
        n.put("readme", readme);
        ArrayNode hs = n.putArray("hints");
        hints.forEach(hs::add);
        return JsonTrees.print(n);
    }

    private static String tail(String text, int max) {
        return text.length() > max ? text.substring(text.length() - max) : text;
    }

    private static String cap(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
