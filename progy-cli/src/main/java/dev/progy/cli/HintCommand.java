package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.spi.Hint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "hint", description = {HintCommand.ABOUT, HintCommand.ABOUT_MORE})
final class HintCommand implements Callable<Integer> {
    static final String ABOUT = "Show the next hint for an exercise (default: the next unfinished one).";
    static final String ABOUT_MORE =
            "The course's own hints come one at a time; then the failing test and its diagnostics are pointed at.";
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "<exercise>", description = ExerciseChoice.HELP)
    String exercise;

    HintCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.pick(ctx, ws, exercise, common.json);
        if (ex == null) {
            return ExitCode.OK;
        }
        Hint hint = ctx.progy().hint(ws, ex);
        Telemetry.afterHint(ctx, ws, ex);
        if (common.json) {
            var n = CliJson.hint(hint);
            n.put("exercise", ex.id());
            ctx.out.println(CliJson.print(n));
        } else {
            print(ctx, ex, hint, ctx.style(common.noColor));
        }
        return ExitCode.OK;
    }

    /** A hint as the student reads it: a title line, then its Markdown rendered as {@code progy show} does. */
    static void print(CliContext ctx, Exercise ex, Hint hint, Style s) {
        String label = label(ex, hint);
        // the hint's own title line ("**Hint 1 of 3**") would repeat the label; one print, so that a reader of the
        // output (watch's) never sees the title without the hint
        ctx.out.print(s.bold("💡 " + label) + s.dim("  " + ex.id()) + System.lineSeparator()
                + new TerminalMarkdown(s).render(TerminalMarkdown.withoutLeadingTitle(hint.text(), label)));
        ctx.out.flush();
    }

    /** The hint's label as printed: "Hint 2 of 3", "What failed", "Tutor" or "No more hints". */
    static String label(Exercise ex, Hint hint) {
        return switch (hint.kind()) {
            case STATIC -> "Hint " + hint.revealed() + " of " + ex.hints().size();
            case FAILING_TEST -> "What failed";
            case AI -> "Tutor";
            case NONE -> "No more hints";
        };
    }
}
