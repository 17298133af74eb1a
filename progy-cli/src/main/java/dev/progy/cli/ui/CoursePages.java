package dev.progy.cli.ui;

import dev.progy.Progy;
import dev.progy.Workspace;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProgress;
import dev.progy.model.Diagnostic;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.QuestionFeedback;
import dev.progy.model.QuizGrade;
import dev.progy.model.QuizQuestion;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.Hint;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The pages, drawn on the server from what the {@link Progy} façade says about the workspace: the course map, an
 * exercise, its quiz, progress, backup and sync. Templates are jte, compiled when progy is built.
 */
final class CoursePages {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            CoursePages.class.getClassLoader(), "dev.progy.cli.ui.pages");
    private final Progy progy;
    private final Workspace ws;
    private final UiHooks hooks;
    private final WorkspaceFiles files;
    private final Map<String, String> readmePages = new HashMap<>();
    private final Map<String, List<String>> hintsShown = new ConcurrentHashMap<>();

    CoursePages(Progy progy, Workspace ws, UiHooks hooks, WorkspaceFiles files) {
        this.progy = progy;
        this.ws = ws;
        this.hooks = hooks;
        this.files = files;
        for (Exercise e : ws.course().exercises()) {
            readmePages.put(files.name(ws.exerciseDir(e).resolve("README.md")), e.id());
        }
    }

    static String render(String template, Object view) {
        StringOutput out = new StringOutput(16384);
        TEMPLATES.render("ui/" + template + ".jte", view, out);
        return out.toString();
    }

    static String refused(String title, String message, String fix) {
        return render("refused", new Views.Problem403(title, message, fix));
    }

    Views.Heading heading(List<ExerciseState> states, CourseProgress p) {
        int passed = (int) states.stream().filter(ExerciseState::passed).count();
        return new Views.Heading(ws.course().name(), ws.course().version(), p.stats().totalXp(), p.stats().currentStreak(),
                p.stats().longestStreak(), passed, states.size());
    }

    String map() {
        List<ExerciseState> states = progy.states(ws);
        CourseProgress p = progy.progress(ws);
        ExerciseState next = states.stream().filter(s -> !s.passed() && !s.locked()).findFirst().orElse(null);
        String nextId = next == null ? "" : next.exercise().id();
        return render("map", new Views.CourseMap(heading(states, p), modules(states, nextId), nextId,
                next == null ? "" : next.exercise().title()));
    }

    private List<Views.Module> modules(List<ExerciseState> states, String nextId) {
        List<Views.Module> modules = new ArrayList<>();
        for (CourseModule m : ws.course().modules()) {
            List<Views.Row> rows = new ArrayList<>();
            for (ExerciseState st : states) {
                if (st.exercise().moduleDir().equals(m.dirName())) {
                    String status = status(st);
                    rows.add(new Views.Row(st.exercise().id(), st.exercise().title(), status, statusText(status),
                            st.exercise().id().equals(nextId), st.lockReason().orElse(""),
                            st.exercise().quiz().isPresent(), st.exercise().xp()));
                }
            }
            modules.add(new Views.Module(m.title(), m.dirName(), rows.stream().filter(r -> r.status().equals("passed")).count(),
                    rows.size(), rows));
        }
        return modules;
    }

    private static String status(ExerciseState st) {
        return st.passed() ? "passed" : st.locked() ? "locked" : st.progress().attempts() > 0 ? "failed" : "todo";
    }

    private static String statusText(String status) {
        return switch (status) {
            case "passed" -> "passed";
            case "failed" -> "not passed yet";
            case "locked" -> "locked";
            default -> "not started";
        };
    }

    String exercise(Exercise ex, Optional<RunResult> result, boolean watching, String notice) {
        List<ExerciseState> states = progy.states(ws);
        CourseProgress p = progy.progress(ws);
        ExerciseState st = states.stream().filter(s -> s.exercise().id().equals(ex.id())).findFirst().orElseThrow();
        int at = states.indexOf(st);
        String status = status(st);
        Path dir = ws.exerciseDir(ex);
        Path readme = Files.isRegularFile(dir.resolve("README.md")) ? dir.resolve("README.md")
                : ws.course().exercisesDir().resolve(ex.relativeDir()).resolve("README.md");
        String instructions = Files.isRegularFile(readme)
                ? InstructionsHtml.render(read(readme), files.name(dir), readmePages)
                : "<p>The course's author wrote no instructions for this exercise.</p>";
        return render("exercise", new Views.ExercisePage(heading(states, p), ex.id(), ex.title(), module(ex), status,
                statusText(status), st.lockReason().orElse(""), instructions, filesToEdit(ex),
                hintsShown.getOrDefault(ex.id(), List.of()), ex.hints().size(), ex.quiz().isPresent(), watching,
                result.map(this::result).orElse(null), at > 0 ? states.get(at - 1).exercise().id() : "",
                at + 1 < states.size() ? states.get(at + 1).exercise().id() : "", notice));
    }

    private String module(Exercise ex) {
        return ws.course().modules().stream().filter(m -> m.dirName().equals(ex.moduleDir())).map(CourseModule::title)
                .findFirst().orElse(ex.moduleDir());
    }

    /** The entry file and the files beside it in its language that are not tests (as {@code progy show} lists). */
    private List<Views.FileLink> filesToEdit(Exercise ex) {
        Path dir = ws.exerciseDir(ex);
        List<Views.FileLink> out = new ArrayList<>();
        out.add(new Views.FileLink(files.name(dir.resolve(ex.entryFile())), files.name(dir.resolve(ex.entryFile()))));
        String entry = ex.entryFile();
        String ext = entry.contains(".") ? entry.substring(entry.lastIndexOf('.')) : "";
        if (ext.isEmpty() || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals(entry) && n.endsWith(ext) && !n.toLowerCase(Locale.ROOT).startsWith("test")
                            && !n.toLowerCase(Locale.ROOT).contains("solution")
                            && !n.substring(0, n.length() - ext.length()).toLowerCase(Locale.ROOT).endsWith("test"))
                    .sorted().forEach(n -> out.add(new Views.FileLink(files.name(dir.resolve(n)), files.name(dir.resolve(n)))));
        } catch (IOException e) {
            // the entry file alone is still the right advice
        }
        return out;
    }

    Views.Result result(RunResult r) {
        String status = r.status().name().toLowerCase(Locale.ROOT);
        String text = switch (r.termination()) {
            case TIMEOUT -> "Timed out";
            case OUT_OF_MEMORY -> "Ran out of memory";
            case OUTPUT_LIMIT -> "Printed too much";
            case DISK_LIMIT -> "Wrote too much to disk";
            case NORMAL -> switch (r.status()) {
                case PASS -> "Passed";
                case FAIL -> "Failed";
                case ERROR -> "Could not be checked";
            };
        };
        List<Views.Test> tests = new ArrayList<>();
        for (TestOutcome t : r.tests()) {
            tests.add(new Views.Test(t.name(), t.status().name().toLowerCase(Locale.ROOT),
                    t.message() == null ? "" : t.message()));
        }
        List<Views.Problem> problems = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            int line = d.line().orElse(0);
            Optional<Path> file = d.file() == null || d.file().isBlank() ? Optional.empty()
                    : files.file(ws.root(), d.file()).or(() -> locate(d.file()));
            String path = file.map(files::name).orElse("");
            String where = (path.isEmpty() ? (d.file() == null ? "" : d.file()) : path) + (line > 0 ? ":" + line : "");
            problems.add(new Views.Problem(d.severity().name().toLowerCase(Locale.ROOT), d.message(), path, line, where));
        }
        long ms = r.duration().toMillis();
        return new Views.Result(status, text, r.summary() == null ? "" : r.summary(), tests, problems,
                r.output() + (r.outputTruncated() ? "\n[output cut at the limit]" : ""),
                ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0));
    }

    /** A diagnostic's file as runners name it: relative to the exercises folder, or to an exercise's folder. */
    private Optional<Path> locate(String named) {
        Path exercises = ws.root().resolve(ws.course().root().relativize(ws.course().exercisesDir()));
        return files.file(exercises, named);
    }

    String resultHtml(RunResult r) {
        return render("result", result(r));
    }

    /** Reveals the next hint, as {@code progy hint}. */
    void hint(Exercise ex) {
        Hint hint = progy.hint(ws, ex);
        hooks.afterHint(ex);
        String label = switch (hint.kind()) {
            case STATIC -> "Hint " + hint.revealed() + " of " + ex.hints().size();
            case FAILING_TEST -> "What failed";
            case AI -> "Tutor";
            case NONE -> "No more hints";
        };
        String html = "<p class=\"hint-label\"><strong>" + CodeHighlighter.escape(label) + "</strong></p>"
                + InstructionsHtml.render(hooks.hintBody(hint.text(), label), files.name(ws.exerciseDir(ex)), readmePages);
        hintsShown.computeIfAbsent(ex.id(), k -> new CopyOnWriteArrayList<>()).add(html);
    }

    String quiz(Exercise ex, Map<String, List<String>> form) {
        var quiz = ex.quiz().orElseThrow(() -> new dev.progy.error.NotFoundException(ex.id() + " has no quiz",
                "the course map marks the exercises that have one"));
        List<ExerciseState> states = progy.states(ws);
        Views.Heading heading = heading(states, progy.progress(ws));
        QuizGrade grade = null;
        Map<String, Object> answers = null;
        if (form != null) {
            answers = QuizForm.answers(quiz, form);
            grade = progy.gradeQuiz(ws, ex, answers);
            hooks.afterQuiz(ex, grade.score());
            heading = heading(states, progy.progress(ws));
        }
        List<Views.Question> questions = new ArrayList<>();
        for (int i = 0; i < quiz.questions().size(); i++) {
            QuizQuestion q = quiz.questions().get(i);
            QuestionFeedback f = grade == null ? null : grade.feedback().get(i);
            questions.add(QuizForm.question(q, InstructionsHtml.inline(q.question()), i + 1, form, f, f != null && f.checked() && !f.correct()
                    ? hooks.rightAnswer(q) : ""));
        }
        String verdict = grade == null ? "" : grade.correct() + " of " + grade.total() + " right, " + grade.score() + " %"
                + (grade.notChecked() == 0 ? "" : " (" + grade.notChecked() + " not checked here, not counted)")
                + (grade.passed() ? "" : "; 70 % needed");
        return render("quiz", new Views.QuizPage(heading, ex.id(), ex.title(), quiz.title(), quiz.description(), questions,
                grade != null, grade != null && grade.passed(), verdict));
    }

    String progress() {
        List<ExerciseState> states = progy.states(ws);
        CourseProgress p = progy.progress(ws);
        List<Views.QuizScore> quizzes = p.quizzes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Views.QuizScore(e.getKey(), e.getValue().bestScore(), e.getValue().passed())).toList();
        return render("progress", new Views.ProgressPage(heading(states, p), modules(states, ""), quizzes, p.achievements()));
    }

    String save(String notice) {
        List<ExerciseState> states = progy.states(ws);
        return render("save", new Views.SavePage(heading(states, progy.progress(ws)), hooks.backupStatus(),
                hooks.syncStatus(), notice));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file.getFileName() + ")";
        }
    }
}
