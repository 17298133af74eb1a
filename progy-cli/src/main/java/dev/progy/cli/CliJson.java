package dev.progy.cli;

import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.model.CourseProblem;
import dev.progy.model.CourseProgress;
import dev.progy.model.Diagnostic;
import dev.progy.model.ExerciseState;
import dev.progy.model.QuizProgress;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.Hint;

import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes the CLI reports in ({@code progy ... --json}): stable, documented field names in camelCase, enums
 * in lower case. The CLI's own format, kept out of the SDK so that Jackson is no part of the SDK's API.
 */
final class CliJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CliJson() { }

    /** Pretty-printed text of a JSON tree. */
    static String print(JsonNode node) {
        return JsonTrees.print(node);
    }

    /** A fresh JSON object. */
    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses JSON text; not valid JSON is a {@link ProgyException} saying where. */
    static JsonNode parse(String text) {
        return JsonTrees.parse(text);
    }

    /** A run result: {@code status, termination, summary, tests[], diagnostics[], output, ...}. */
    static ObjectNode runResult(RunResult r) {
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

    /** Exercises with status and locks, as {@code progy list --json} prints them. */
    static ArrayNode states(List<ExerciseState> states) {
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
    static ObjectNode progress(CourseProgress p) {
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
    static ArrayNode problems(List<CourseProblem> problems) {
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
    static ObjectNode hint(Hint h) {
        ObjectNode n = object();
        n.put("text", h.text());
        n.put("kind", lower(h.kind()));
        n.put("revealed", h.revealed());
        return n;
    }

    /** An error: {@code {error, fix}}. */
    static ObjectNode error(ProgyException e) {
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
}
