package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.guard.SecretRedaction;
import dev.progy.error.ProgyException;
import dev.progy.model.Exercise;
import dev.progy.spi.Hint;
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
import java.util.Optional;

/**
 * Getting a lesson for an exercise, shared by {@code progy tutor} and the offer after a run: the request from the
 * exercise's history (only its own files, redacted as the Guard redacts), a spinner while the server diagnoses and
 * writes, the lesson rendered as {@code progy show} renders Markdown and kept in the workspace. When no lesson can
 * come, one line says why and what to do, and the course's next hint follows, as {@code progy hint} gives it.
 */
final class TutorLessons {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TutorLessons() { }

    /**
     * What asking for a lesson gave: the lesson (kept in the workspace), or why none came and the course's next hint
     * that came instead.
     */
    record Outcome(Lesson lesson, TutorUnavailableException why, Hint hint) { }

    /** Asks for a lesson and shows it (or why none came, and the course's hint); the command's exit code. */
    static int fetch(CliContext ctx, Workspace ws, Exercise ex, String server, Style style, boolean json)
            throws InterruptedException {
        Outcome o = obtain(ctx, ws, ex, server, style, ctx.terminal && !json);
        if (o.lesson() == null) {
            return noLesson(ctx, ex, style, json, o.why(), o.hint());
        }
        if (json) {
            ctx.out.println(CliJson.print(o.lesson().json()));
        } else {
            print(ctx, o.lesson(), style);
        }
        return ExitCode.OK;
    }

    /** Asks the tutor for a lesson on the exercise's failures, as {@code progy tutor} does; prints nothing. */
    static Outcome obtain(CliContext ctx, Workspace ws, Exercise ex, String server, Style style, boolean spin)
            throws InterruptedException {
        List<FailureHistory.Attempt> history = FailureHistory.in(ws.stateDir()).attempts(ex.id());
        if (history.isEmpty() || history.get(history.size() - 1).passed()) {
            String why = history.isEmpty() ? ex.id() + " has not been run here yet"
                    : "the last run of " + ex.id() + " passed";
            return hintInstead(ctx, ws, ex, new TutorUnavailableException(
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
            try (Spinner spinner = Spinner.around(ctx, style, "the tutor is reading your attempts", RunListener.NONE, spin)) {
                Lesson queued = client.submit(request);
                lesson = client.await(queued, every, within, TutorClient.Pause.real(), status -> { });
            }
        } catch (TutorUnavailableException e) {
            return hintInstead(ctx, ws, ex, e);
        }
        if (!lesson.done()) {
            return hintInstead(ctx, ws, ex, new TutorUnavailableException(
                    TutorUnavailableException.Reason.SERVER, "The tutor could not write a lesson"
                    + (lesson.error().isBlank() ? "." : ": " + lesson.error().strip()),
                    "Try again later with `progy tutor " + ex.id() + "`.", java.util.Optional.empty()));
        }
        if (LocalLeakCheck.leaks(ws, ex, lesson.markdown(), OwnFiles.read(ws, ex))) {
            return hintInstead(ctx, ws, ex, new TutorUnavailableException(
                    TutorUnavailableException.Reason.REFUSED, "The lesson came too close to the course's solution, "
                    + "so it is not shown.", "Here is the course's next hint instead.", java.util.Optional.empty()));
        }
        LessonStore.in(ws.stateDir()).save(lesson);
        Telemetry.afterLesson(ctx, ws, ex.id());
        return new Outcome(lesson, null, null);
    }

    private static Outcome hintInstead(CliContext ctx, Workspace ws, Exercise ex, TutorUnavailableException why) {
        Hint hint = ctx.progy().hint(ws, ex);
        Telemetry.afterHint(ctx, ws, ex);
        return new Outcome(null, why, hint);
    }

    /**
     * The lessons received (for one exercise when {@code only} is not empty), newest first: those received on other
     * devices come from the server when signed in and reachable, and are kept here; else those kept here.
     */
    static List<Lesson> past(CliContext ctx, Workspace ws, String server, String only) {
        LessonStore store = LessonStore.in(ws.stateDir());
        try {
            for (Lesson l : TutorAccess.client(ctx, server).lessons(LessonRequest.courseOf(ws), only)) {
                if (l.done()) {
                    store.save(l);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ProgyException e) {
            // signed out or offline: the lessons kept in this workspace are the list
        }
        return store.list(only);
    }

    /** Rates a lesson from 1 to 5 on the server and here, as {@code progy tutor rate}; the line that thanks. */
    static String rate(CliContext ctx, Workspace ws, String server, String id, String stars) throws InterruptedException {
        int n = stars.trim().matches("[1-5]") ? Integer.parseInt(stars.trim()) : 0;
        if (n < 1 || n > 5) {
            throw new ProgyException("A rating is a whole number from 1 to 5, not '" + stars + "'.",
                    "Run e.g. `progy tutor rate " + id + " 4`.");
        }
        LessonStore store = LessonStore.in(ws.stateDir());
        Optional<Lesson> kept = store.find(id);
        TutorClient client = TutorAccess.client(ctx, server);
        try {
            client.rate(id, n);
        } catch (TutorUnavailableException e) {
            throw new ProgyException("Your rating was not saved: " + Character.toLowerCase(e.getMessage().charAt(0))
                    + e.getMessage().substring(1), e.fixHint());
        }
        kept.ifPresent(l -> store.save(l.rated(n)));
        kept.ifPresent(l -> Telemetry.afterRating(ctx, ws, l.exercise(), n));
        return "Thank you: lesson " + id + " rated " + n + " of 5.";
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
    private static int noLesson(CliContext ctx, Exercise ex, Style style, boolean json, TutorUnavailableException why,
                                Hint hint) {
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
        ctx.out.println(style.yellow(reason(why)));
        HintCommand.print(ctx, ex, hint, style);
        return ExitCode.OK;
    }

    /** Why no lesson came and what to do, in one line ("No lesson: …"). */
    static String reason(TutorUnavailableException why) {
        String said = why.getMessage();
        if (said.length() > 1 && Character.isUpperCase(said.charAt(0)) && Character.isLowerCase(said.charAt(1))) {
            said = Character.toLowerCase(said.charAt(0)) + said.substring(1);
        }
        String message = said.startsWith("No lesson") ? said : "No lesson: " + said;
        return message + (why.fixHint().isBlank() ? "" : " " + why.fixHint());
    }
}
