package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.sync.tutor.Lesson;
import dev.progy.sync.tutor.LessonStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "tutor", description = {"Get a short lesson on the idea behind a test you keep failing (default: the "
        + "next unfinished exercise).",
        "Sends the server only this exercise's own files (secrets redacted), the failing test, the diagnostics and how "
                + "your code changed between attempts; the lesson explains the concept without giving the solution away "
                + "and is kept here: progy tutor --past reads it again. Signed out, offline or out of quota, the "
                + "course's next hint comes instead."},
        subcommands = TutorCommand.Rate.class)
final class TutorCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "<exercise>", description = ExerciseChoice.HELP
            + " With --past: an exercise, or a lesson's id to read it.")
    String exercise;

    @Option(names = "--past", description = "List the lessons you received (for one exercise when named), or read one "
            + "again by its id.")
    boolean past;

    @Option(names = "--auto", paramLabel = "on|off", description = "on: after the same test failed "
            + TutorOffer.DEFAULT_AFTER + " times in a row (--after), progy run and watch fetch the lesson by themselves "
            + "instead of offering it; off: they offer it.")
    String auto;

    @Option(names = "--after", paramLabel = "<n>", description = "Offer a lesson once the same test has failed this many "
            + "times in a row (saved for this workspace; default " + TutorOffer.DEFAULT_AFTER + ").")
    Integer after;

    @Mixin
    ServerOptions.Tutor tutor;

    TutorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = ctx.workspace(common.dir);
        Style style = ctx.style(common.noColor);
        if (auto != null || after != null) {
            return settings(ws);
        }
        if (past) {
            return past(ws, style);
        }
        Exercise ex = ExerciseChoice.pick(ctx, ws, exercise, common.json);
        if (ex == null) {
            return ExitCode.OK;
        }
        return TutorLessons.fetch(ctx, ws, ex, tutor.server, style, common.json);
    }

    private int settings(Workspace ws) {
        if (auto != null) {
            String v = auto.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("on") && !v.equals("off")) {
                throw new ProgyException("--auto takes on or off, not '" + auto + "'.",
                        "Run `progy tutor --auto on` or `progy tutor --auto off`.");
            }
            ctx.progy().saveSetting(ws, TutorOffer.AUTO_KEY, v);
        }
        if (after != null) {
            if (after < 1 || after > 100) {
                throw new ProgyException("--after takes a number of failures from 1 to 100, not " + after + ".",
                        "Run e.g. `progy tutor --after 3`.");
            }
            ctx.progy().saveSetting(ws, TutorOffer.AFTER_KEY, after.toString());
        }
        int n = TutorOffer.after(ws);
        boolean on = ws.setting(TutorOffer.AUTO_KEY).map("on"::equals).orElse(false);
        ctx.out.println(on ? "Once a test has failed " + n + " times in a row, progy run and watch will fetch a lesson "
                + "by themselves (`progy tutor --auto off` goes back to offering it)."
                : "Once a test has failed " + n + " times in a row, progy run and watch will offer a lesson "
                + "(`progy tutor --auto on` fetches it by itself).");
        return ExitCode.OK;
    }

    private int past(Workspace ws, Style style) {
        LessonStore store = LessonStore.in(ws.stateDir());
        if (exercise != null) {
            Optional<Lesson> one = store.find(exercise);
            if (one.isPresent()) {
                if (common.json) {
                    ctx.out.println(CliJson.print(one.get().json()));
                } else {
                    TutorLessons.print(ctx, one.get(), style);
                }
                return ExitCode.OK;
            }
        }
        String only = exercise == null ? "" : ExerciseChoice.named(ctx, ws, exercise).id();
        List<Lesson> lessons = TutorLessons.past(ctx, ws, tutor.server, only);
        if (common.json) {
            var list = CliJson.object().arrayNode();
            lessons.forEach(l -> list.add(l.json()));
            ctx.out.println(CliJson.print(list));
            return ExitCode.OK;
        }
        if (lessons.isEmpty()) {
            ctx.out.println("No lessons kept in this workspace" + (only.isEmpty() ? "" : " for " + only)
                    + " yet. `progy tutor` asks for one after a test keeps failing.");
            return ExitCode.OK;
        }
        ctx.out.println("Lessons you received" + (only.isEmpty() ? "" : " for " + only) + ", newest first (times in UTC):");
        for (Lesson l : lessons) {
            ctx.out.println("  " + style.bold(l.id()) + "  " + l.createdAt().map(TutorLessons.SHOWN::format).orElse("")
                    + "  " + l.exercise() + (l.test().isBlank() ? "" : " · " + l.test())
                    + l.rating().map(r -> "  rated " + r + "/5").orElse("")
                    + (l.misconception().isBlank() ? "" : style.dim("  " + l.misconception())));
        }
        ctx.out.println("Read one again with: progy tutor --past <id>");
        return ExitCode.OK;
    }

    @Command(name = "rate", description = {"Rate a lesson from 1 (no help) to 5 (it made it click).",
            "Its id is in the lesson's last line and in progy tutor --past. Your ratings tell the course's instructors "
                    + "which lessons help."})
    static final class Rate implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        WorkspaceOptions common;

        @Parameters(index = "0", paramLabel = "<id>", description = "The lesson's id.")
        String id;

        @Parameters(index = "1", paramLabel = "<1-5>", description = "Your rating, 1 to 5.")
        String stars;

        @Mixin
        ServerOptions.Tutor tutor;

        Rate(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws InterruptedException {
            Workspace ws = ctx.workspace(common.dir);
            ctx.out.println(TutorLessons.rate(ctx, ws, tutor.server, id, stars));
            return ExitCode.OK;
        }
    }
}
