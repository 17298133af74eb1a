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
    /** The lesson asked for on each exercise's page in this session, or why none came. */
    private final Map<String, UiHooks.TutorReply> tutorReplies = new ConcurrentHashMap<>();

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
                at + 1 < states.size() ? states.get(at + 1).exercise().id() : "", notice,
                hooks.networkQuestion().orElse(List.of()), hooks.tutorOffer(ex).orElse(""), tutorHtml(ex)));
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
        addHint(ex, label, hint.text());
    }

    private void addHint(Exercise ex, String label, String markdown) {
        String html = "<p class=\"hint-label\"><strong>" + CodeHighlighter.escape(label) + "</strong></p>"
                + InstructionsHtml.render(hooks.hintBody(markdown, label), files.name(ws.exerciseDir(ex)), readmePages);
        hintsShown.computeIfAbsent(ex.id(), k -> new CopyOnWriteArrayList<>()).add(html);
    }

    /** Keeps what the tutor gave for the exercise's page; when no lesson came, the course's hint joins the hints. */
    void tutor(Exercise ex, UiHooks.TutorReply reply) {
        tutorReplies.put(ex.id(), reply);
        if (reply.lesson() == null && !reply.hintLabel().isEmpty()) {
            addHint(ex, reply.hintLabel(), reply.hintMarkdown());
        }
    }

    /** After a rating: the lesson on the exercise's page shows it. */
    void rated(Exercise ex, String lessonId, String stars) {
        tutorReplies.computeIfPresent(ex.id(), (k, r) -> r.lesson() == null || !r.lesson().id().equals(lessonId) ? r
                : new UiHooks.TutorReply(new UiHooks.Lesson(r.lesson().id(), r.lesson().exercise(), r.lesson().test(),
                r.lesson().when(), r.lesson().misconception(), r.lesson().markdown(), r.lesson().courseHint(),
                Integer.parseInt(stars.trim())), r.reason(), r.hintLabel(), r.hintMarkdown()));
    }

    private String tutorHtml(Exercise ex) {
        UiHooks.TutorReply reply = tutorReplies.get(ex.id());
        if (reply == null) {
            return "";
        }
        if (reply.lesson() == null) {
            return "<p class=\"notice\" role=\"status\" id=\"tutor-reason\">" + CodeHighlighter.escape(reply.reason())
                    + "</p>" + (reply.hintLabel().isEmpty() ? "" : "<p class=\"muted\">The course's next hint is "
                    + "under Hints.</p>");
        }
        return lessonHtml(ex, reply.lesson(), "exercise");
    }

    /** A lesson as {@code progy tutor} shows it: a title line, what was misunderstood, the Markdown, how to rate it. */
    private String lessonHtml(Exercise ex, UiHooks.Lesson l, String back) {
        StringBuilder h = new StringBuilder("<article class=\"lesson\" id=\"lesson-")
                .append(CodeHighlighter.escape(l.id())).append("\"><p class=\"hint-label\"><strong>🎓 Lesson</strong>"
                + " <span class=\"muted\">").append(CodeHighlighter.escape(l.exercise()
                + (l.test().isBlank() ? "" : " · " + l.test()) + (l.when().isEmpty() ? "" : " · " + l.when() + " UTC")))
                .append("</span></p>");
        if (!l.misconception().isBlank()) {
            h.append("<p><strong>What seems to be going on:</strong> ").append(CodeHighlighter.escape(l.misconception().strip()))
                    .append("</p>");
        }
        h.append(InstructionsHtml.render(l.markdown(), files.name(ws.exerciseDir(ex)), readmePages));
        if (l.courseHint()) {
            h.append("<p class=\"muted\">(The tutor's lesson came too close to the solution: this is the course's own "
                    + "hint.)</p>");
        }
        if (l.rating() > 0) {
            h.append("<p class=\"muted\">You rated it ").append(l.rating()).append(" of 5.</p>");
        } else {
            h.append("<form method=\"post\" action=\"/rate?id=").append(CodeHighlighter.escape(InstructionsHtml.encode(ex.id())))
                    .append("\" class=\"rating\"><input type=\"hidden\" name=\"lesson\" value=\"")
                    .append(CodeHighlighter.escape(l.id())).append("\"><input type=\"hidden\" name=\"back\" value=\"")
                    .append(back).append("\"><span>Was it useful? </span>");
            for (int n = 1; n <= 5; n++) {
                h.append("<button type=\"submit\" name=\"stars\" value=\"").append(n).append("\" aria-label=\"Rate ")
                        .append(n).append(" of 5\">").append(n).append("</button> ");
            }
            h.append("<small class=\"muted\">1 no help, 5 it made it click</small></form>");
        }
        return h.append("</article>").toString();
    }

    /** The lessons received for the exercise, as {@code progy tutor --past <exercise>} finds them. */
    String lessons(Exercise ex, String notice) {
        List<ExerciseState> states = progy.states(ws);
        List<String> lessons = hooks.pastLessons(ex).stream().map(l -> lessonHtml(ex, l, "lessons")).toList();
        return render("lessons", new Views.LessonsPage(heading(states, progy.progress(ws)), ex.id(), ex.title(), lessons,
                notice));
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
