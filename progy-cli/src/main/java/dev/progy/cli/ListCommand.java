package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.CourseModule;
import dev.progy.model.ExerciseState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = ListCommand.ABOUT)
final class ListCommand implements Callable<Integer> {
    static final String ABOUT = "List modules and exercises with their status, and what is locked and why.";
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    ListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        List<ExerciseState> states = ctx.progy().states(ws);
        if (common.json) {
            ctx.out.println(CliJson.print(CliJson.states(states)));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        ctx.out.println(s.bold(ws.course().name()) + s.dim("  " + ws.course().id() + " " + ws.course().version()));
        String next = states.stream().filter(x -> !x.passed() && !x.locked()).map(x -> x.exercise().id())
                .findFirst().orElse("");
        for (CourseModule m : ws.course().modules()) {
            ctx.out.println();
            ctx.out.println(s.bold(m.title()) + s.dim("  " + m.dirName()));
            for (ExerciseState st : states) {
                if (!st.exercise().moduleDir().equals(m.dirName())) {
                    continue;
                }
                String mark = st.passed() ? s.green("✓") : st.locked() ? s.dim("○") : st.progress().attempts() > 0
                        ? s.red("✗") : "·";
                String line = "  " + mark + " " + pad(st.exercise().id(), 34) + st.exercise().title();
                if (st.exercise().quiz().isPresent()) {
                    line += s.dim("  + quiz");
                }
                if (st.exercise().id().equals(next)) {
                    line += s.yellow("  ← next");
                }
                if (st.locked()) {
                    line += s.dim("  (locked: " + st.lockReason().get() + ")");
                }
                ctx.out.println(line);
            }
        }
        long done = states.stream().filter(ExerciseState::passed).count();
        ctx.out.println();
        ctx.out.println(done + " of " + states.size() + " exercises passed");
        return ExitCode.OK;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
