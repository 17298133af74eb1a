package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "solution", description = {"Show the course's solution to an exercise, once you have passed it.",
        "Before the exercise passes it is refused (exit 5): try `progy hint` instead."})
final class SolutionCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<exercise>",
            description = ExerciseChoice.HELP)
    String exercise;

    SolutionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.named(ctx, ws, exercise);
        List<Path> files = ctx.progy().solution(ws, ex);
        Path base = ws.root().resolve(".progy/solutions").resolve(ex.relativeDir());
        if (common.json) {
            var n = CliJson.object();
            n.put("exercise", ex.id());
            var fs = n.putArray("files");
            for (Path f : files) {
                var fn = fs.addObject();
                fn.put("path", base.relativize(f).toString());
                fn.put("content", ShowCommand.read(f));
            }
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        ctx.out.println(s.bold("Solution of " + ex.id()) + "  " + ex.title());
        for (Path f : files) {
            ctx.out.println();
            ctx.out.println(s.dim("── " + base.relativize(f) + " ──"));
            String text = ShowCommand.read(f);
            ctx.out.print(text.endsWith("\n") ? text : text + "\n");
        }
        return ExitCode.OK;
    }
}
