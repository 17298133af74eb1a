package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.guard.SecretRedaction;
import dev.progy.model.Exercise;
import dev.progy.spi.RunListener;
import dev.progy.sync.tutor.FailureHistory;
import dev.progy.sync.tutor.Lesson;
import dev.progy.sync.tutor.LessonRequest;
import dev.progy.sync.tutor.LessonStore;
import dev.progy.sync.tutor.OwnFiles;
import dev.progy.sync.tutor.TutorClient;
import dev.progy.sync.tutor.TutorUnavailableException;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Getting a lesson for an exercise, shared by {@code progy tutor} and the offer after a run: the request from the
 * exercise's history (only its own files, redacted as the Guard redacts), a spinner while the server diagnoses and
 * writes, the lesson rendered as {@code progy show} renders Markdown and kept in the workspace. When no lesson can
 * come, one line says why and what to do, and the course's next hint follows, as {@code progy hint} gives it.
 */
final class TutorLessons {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TutorLessons() { }

    /** Asks for a lesson and shows it (or why none came, and the course's hint); the command's exit code. */
    static int fetch(CliContext ctx, Workspace ws, Exercise ex, String server, Style style, boolean json)
            throws InterruptedException {
        List<FailureHistory.Attempt> history = FailureHistory.in(ws.stateDir()).attempts(ex.id());
        if (history.isEmpty() || history.get(history.size() - 1).passed()) {
            String why = history.isEmpty() ? ex.id() + " has not been run here yet"
                    : "the last run of " + ex.id() + " passed";
            return noLesson(ctx, ws, ex, style, json, new TutorUnavailableException(
                    TutorUnavailableException.Reason.REFUSED, "No lesson: " + why + ".",
                    "The tutor explains a failing test: run `progy run " + ex.id() + "` first.",
                    java.util.Optional.empty()));
        }
        Lesson lesson;
        try {
            TutorClient client = TutorAccess.client(ctx, server);
            LessonRequest request = LessonRequest.of(ws, ex, history, SecretRedaction::redact);
            Duration every = ctx.config().seconds("progy.tutor.poll", Duration.ofSeconds(1));
            Duration within = ctx.config().seconds("progy.tutor.wait", Duration.ofMinutes(3));
            boolean spin = ctx.terminal && !json;
            try (Spinner spinner = Spinner.around(ctx, style, "the tutor is reading your attempts", RunListener.NONE, spin)) {
                Lesson queued = client.submit(request);
                lesson = client.await(queued, every, within, TutorClient.Pause.real(), status -> { });
            }
        } catch (TutorUnavailableException e) {
            return noLesson(ctx, ws, ex, style, json, e);
        }
        if (!lesson.done()) {
            return noLesson(ctx, ws, ex, style, json, new TutorUnavailableException(
                    TutorUnavailableException.Reason.SERVER, "The tutor could not write a lesson"
                    + (lesson.error().isBlank() ? "." : ": " + lesson.error().strip()),
                    "Try again later with `progy tutor " + ex.id() + "`.", java.util.Optional.empty()));
        }
        if (LocalLeakCheck.leaks(ws, ex, lesson.markdown(), OwnFiles.read(ws, ex))) {
            return noLesson(ctx, ws, ex, style, json, new TutorUnavailableException(
                    TutorUnavailableException.Reason.REFUSED, "The lesson came too close to the course's solution, "
                    + "so it is not shown.", "Here is the course's next hint instead.", java.util.Optional.empty()));
        }
        LessonStore.in(ws.stateDir()).save(lesson);
        Telemetry.afterLesson(ctx, ws, ex.id());
        if (json) {
            ctx.out.println(CliJson.print(lesson.json()));
        } else {
            print(ctx, lesson, style);
        }
        return ExitCode.OK;
    }

    /** A lesson as the student reads it: a title line, what was misunderstood, the Markdown, how to rate it. */
    static void print(CliContext ctx, Lesson lesson, Style s) {
        StringBuilder out = new StringBuilder();
        out.append(s.bold("🎓 Lesson")).append(s.dim("  " + lesson.exercise()
                + (lesson.test().isBlank() ? "" : " · " + lesson.test())
                + lesson.createdAt().map(t -> " · " + SHOWN.format(t) + " UTC").orElse(""))).append(System.lineSeparator());
        if (!lesson.misconception().isBlank()) {
            out.append(s.bold("What seems to be going on: ")).append(lesson.misconception().strip())
                    .append(System.lineSeparator());
        }
        out.append(new TerminalMarkdown(s).render(lesson.markdown()));
        if (lesson.source().equals("course-hint")) {
            out.append(s.dim("(The tutor's lesson came too close to the solution: this is the course's own hint.)"))
                    .append(System.lineSeparator());
        }
        out.append(s.dim(lesson.rating().map(r -> "You rated it " + r + " of 5.")
                .orElse("Was it useful? progy tutor rate " + lesson.id() + " <1-5>"))).append(System.lineSeparator());
        ctx.out.print(out);
        ctx.out.flush();
    }

    /** Why no lesson came, in one line with what to do, then the course's next hint. */
    private static int noLesson(CliContext ctx, Workspace ws, Exercise ex, Style style, boolean json,
                                TutorUnavailableException why) {
        var hint = ctx.progy().hint(ws, ex);
        Telemetry.afterHint(ctx, ws, ex);
        if (json) {
            var n = CliJson.object();
            n.put("lesson", (String) null);
            n.put("reason", why.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            n.put("message", why.getMessage());
            n.put("fix", why.fixHint());
            why.resetsAt().ifPresent(t -> n.put("resetsAt", t.toString()));
            n.set("hint", CliJson.hint(hint));
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        String said = why.getMessage();
        if (said.length() > 1 && Character.isUpperCase(said.charAt(0)) && Character.isLowerCase(said.charAt(1))) {
            said = Character.toLowerCase(said.charAt(0)) + said.substring(1);
        }
        String message = said.startsWith("No lesson") ? said : "No lesson: " + said;
        ctx.out.println(style.yellow(message + (why.fixHint().isBlank() ? "" : " " + why.fixHint())));
        HintCommand.print(ctx, ex, hint, style);
        return ExitCode.OK;
    }
}
