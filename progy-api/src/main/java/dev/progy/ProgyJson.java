package dev.progy;

import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.internal.progress.ProgressJson;
import dev.progy.model.CourseProblem;
import dev.progy.model.CourseProgress;
import dev.progy.model.Diagnostic;
import dev.progy.model.ExerciseState;
import dev.progy.model.QuizProgress;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.Hint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON shapes Progy reports in ({@code progy ... --json}, saved runs): stable, documented field names in
 * camelCase, enums in lower case. One place, so the CLI, the server and saved files agree.
 */
public final class ProgyJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProgyJson() { }

    /** Pretty-printed text of a JSON tree. */
    public static String print(JsonNode node) {
        return new String(JsonTrees.write(node, true), StandardCharsets.UTF_8);
    }

    /** A fresh JSON object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text) {
        try {
            return JsonTrees.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ProgyException("not valid JSON: " + e.getOriginalMessage(), "check the file's syntax");
        } catch (IOException e) {
            throw new ProgyException("not valid JSON: " + e.getMessage(), "check the file's syntax");
        }
    }

    /**
     * Reads progress in the shape of the original Progy's {@code progress.json} (and of the file store's files,
     * which extend it) as the progress of {@code courseId}; see {@link dev.progy.model.CourseRecords#imported} to
     * turn it into records that sync.
     *
     * @throws ProgyException when it is not such progress, saying what is wrong
     */
    public static CourseProgress readProgress(byte[] json, String courseId) {
        return ProgressJson.progress(json, courseId);
    }

    /** A run result: {@code status, termination, summary, tests[], diagnostics[], output, ...}. */
    public static ObjectNode runResult(RunResult r) {
        ObjectNode n = object();
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

    /** Reads back what {@link #runResult(RunResult)} wrote. */
    public static RunResult readRunResult(JsonNode n) {
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

    /** Exercises with status and locks, as {@code progy list --json} prints them. */
    public static ArrayNode states(List<ExerciseState> states) {
        ArrayNode a = NODES.arrayNode();
        for (ExerciseState s : states) {
            ObjectNode n = a.addObject();
            n.put("id", s.exercise().id());
            n.put("module", s.exercise().moduleDir());
            n.put("title", s.exercise().title());
            n.put("status", lower(s.progress().status()));
            n.put("passed", s.passed());
            n.put("attempts", s.progress().attempts());
            n.put("locked", s.locked());
            s.lockReason().ifPresent(r -> n.put("lockReason", r));
            n.put("xp", s.exercise().xp());
            n.put("hasQuiz", s.exercise().quiz().isPresent());
        }
        return a;
    }

    /** A course's progress, in a shape close to the original's progress.json. */
    public static ObjectNode progress(CourseProgress p) {
        ObjectNode n = object();
        n.put("courseId", p.courseId());
        ObjectNode stats = n.putObject("stats");
        stats.put("totalXp", p.stats().totalXp());
        stats.put("currentStreak", p.stats().currentStreak());
        stats.put("longestStreak", p.stats().longestStreak());
        p.stats().lastActiveDate().ifPresent(d -> stats.put("lastActiveDate", d.toString()));
        stats.put("exercisesPassed", p.stats().exercisesPassed());
        ObjectNode ex = n.putObject("exercises");
        p.exercises().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode en = ex.putObject(e.getKey());
            en.put("status", lower(e.getValue().status()));
            en.put("attempts", e.getValue().attempts());
            en.put("xpEarned", e.getValue().xpEarned());
            e.getValue().firstPassedAt().ifPresent(t -> en.put("completedAt", t.toString()));
        });
        ObjectNode qz = n.putObject("quizzes");
        p.quizzes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            QuizProgress q = e.getValue();
            ObjectNode qn = qz.putObject(e.getKey());
            qn.put("passed", q.passed());
            qn.put("score", q.score());
            qn.put("bestScore", q.bestScore());
            qn.put("totalQuestions", q.totalQuestions());
            qn.put("xpEarned", q.xpEarned());
            q.completedAt().ifPresent(t -> qn.put("completedAt", t.toString()));
        });
        ArrayNode ach = n.putArray("achievements");
        p.achievements().forEach(ach::add);
        return n;
    }

    /** Problems of a course: {@code [{file, location, message, severity}]}, severity {@code error} or {@code warning}. */
    public static ArrayNode problems(List<CourseProblem> problems) {
        ArrayNode a = NODES.arrayNode();
        for (CourseProblem p : problems) {
            ObjectNode n = a.addObject();
            n.put("file", p.file());
            n.put("location", p.location());
            n.put("message", p.message());
            n.put("severity", lower(p.severity()));
        }
        return a;
    }

    /** A hint: {@code {text, kind, revealed}}. */
    public static ObjectNode hint(Hint h) {
        ObjectNode n = object();
        n.put("text", h.text());
        n.put("kind", lower(h.kind()));
        n.put("revealed", h.revealed());
        return n;
    }

    /** An error: {@code {error, fix}}. */
    public static ObjectNode error(ProgyException e) {
        ObjectNode n = object();
        n.put("error", e.getMessage());
        n.put("fix", e.fixHint());
        if (e instanceof CourseInvalidException ci) {
            n.set("problems", problems(ci.problems()));
        }
        if (e instanceof RunnerUnavailableException ru && !ru.tried().isEmpty()) {
            ArrayNode tried = n.putArray("tried");
            for (RunnerUnavailableException.Tried t : ru.tried()) {
                ObjectNode o = tried.addObject().put("runner", t.runner()).put("reason", t.reason()).put("fix", t.fix());
                t.looked().forEach(o.putArray("looked")::add);
            }
        }
        return n;
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
