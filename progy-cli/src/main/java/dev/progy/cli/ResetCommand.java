package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "reset", description = {"Put an exercise's starter files back, to start it over.",
        "Your current files are kept first in .progy/reset-backup/<time>/; your progress is not touched."})
final class ResetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<exercise>",
            description = ExerciseChoice.HELP)
    String exercise;

    ResetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.named(ctx, ws, exercise);
        Path backup = ctx.progy().resetExercise(ws, ex);
        if (common.json) {
            var n = CliJson.object();
            n.put("exercise", ex.id());
            n.put("backup", ws.root().relativize(backup).toString());
            ctx.out.println(CliJson.print(n));
        } else {
            Style s = ctx.style(common.noColor);
            ctx.out.println(s.green("✓") + " " + ex.id() + " has its starter files again: "
                    + String.join(", ", Guidance.filesToEdit(ctx, ws, ex)));
            ctx.out.println(s.dim("Your files as they were are in " + Guidance.shown(ctx, backup)));
        }
        return ExitCode.OK;
    }
}
