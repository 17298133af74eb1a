package dev.progy.cli;

import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "show", description = {ShowCommand.ABOUT, ShowCommand.ABOUT_MORE})
final class ShowCommand implements Callable<Integer> {
    static final String ABOUT = "Show an exercise's instructions (its README), laid out for the terminal.";
    static final String ABOUT_MORE =
            "Default: the next unfinished exercise. Plain text when not printing to a terminal or with --no-color.";
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "<exercise>",
            description = ExerciseChoice.HELP)
    String exercise;

    ShowCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.pick(ctx, ws, exercise, common.json);
        if (ex == null) {
            return ExitCode.OK;
        }
        Path readme = readme(ws, ex);
        String markdown = read(readme);
        if (common.json) {
            var n = CliJson.object();
            n.put("exercise", ex.id());
            n.put("title", ex.title());
            n.put("readme", ws.root().relativize(readme).toString());
            n.put("markdown", markdown);
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        ctx.out.println(s.dim(ex.id() + " · " + Guidance.shown(ctx, ws.root().resolve(readme))));
        ctx.out.println();
        ctx.out.print(new TerminalMarkdown(s).render(markdown));
        ctx.out.println();
        ctx.out.println(s.dim("Edit " + String.join(", ", Guidance.filesToEdit(ctx, ws, ex))
                + ", then run it: " + Guidance.command(ctx, ws, "run " + ex.id())
                + (ex.quiz().isPresent() ? "; its quiz: " + Guidance.command(ctx, ws, "quiz " + ex.id()) : "")));
        return ExitCode.OK;
    }

    /** The student's README of the exercise, else the pristine course's. */
    static Path readme(Workspace ws, Exercise ex) {
        Path own = ws.exerciseDir(ex).resolve("README.md");
        if (Files.isRegularFile(own)) {
            return own;
        }
        Path pristine = ws.course().exercisesDir().resolve(ex.relativeDir()).resolve("README.md");
        if (Files.isRegularFile(pristine)) {
            return pristine;
        }
        throw new NotFoundException(ex.id() + " has no README.md", "the course's author did not write instructions for it;"
                + " its files are in " + ws.root().relativize(ws.exerciseDir(ex)));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProgyException("cannot read " + file + " (" + e.getMessage() + ")", "check that the file is readable");
        }
    }
}
