package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProgress;
import dev.progy.model.ProgressStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "progress", description = ProgressCommand.ABOUT)
final class ProgressCommand implements Callable<Integer> {
    static final String ABOUT = "Show XP, streaks and how far each module is.";
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    ProgressCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        CourseProgress p = ctx.progy().progress(ws);
        if (common.json) {
            ctx.out.println(CliJson.print(CliJson.progress(p)));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        ProgressStats st = p.stats();
        int total = ws.course().exercises().size();
        ctx.out.println(s.bold(ws.course().name()));
        ctx.out.println("  XP " + st.totalXp() + "   streak " + st.currentStreak() + " day"
                + (st.currentStreak() == 1 ? "" : "s") + " (longest " + st.longestStreak() + ")");
        ctx.out.println("  " + st.exercisesPassed() + " of " + total + " exercises passed " + bar(st.exercisesPassed(), total));
        for (CourseModule m : ws.course().modules()) {
            long done = m.exercises().stream().filter(e -> p.exercise(e.id()).everPassed()).count();
            ctx.out.println("  " + (done == m.exercises().size() ? s.green("✓") : "·") + " " + m.title()
                    + s.dim("  " + done + "/" + m.exercises().size()));
        }
        p.quizzes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                ctx.out.println("  quiz " + e.getKey() + ": best " + e.getValue().bestScore() + " %"
                        + (e.getValue().passed() ? s.green(" passed") : "")));
        return ExitCode.OK;
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? 0 : done * width / total;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
}
