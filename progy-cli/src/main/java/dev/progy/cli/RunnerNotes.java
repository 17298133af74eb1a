package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.model.RunnerSpec;

/**
 * What the runner says a student should know before the first run of a workspace (for example that host runs are
 * not isolated on this machine), shown once per workspace on stderr.
 */
final class RunnerNotes {

    private RunnerNotes() { }

    static void showOnce(CliContext ctx, Workspace ws, RunnerSpec spec, boolean json, Style style) {
        if (json) {
            return;
        }
        try {
            for (String note : ctx.progy().newRunnerNotes(ws, spec)) {
                ctx.err.println(style.yellow("note: ") + note);
            }
        } catch (ProgyException e) {
            // no runner here: the run itself says so, with what to do
        }
    }
}
