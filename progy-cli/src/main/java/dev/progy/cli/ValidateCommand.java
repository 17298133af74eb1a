package dev.progy.cli;

import dev.progy.ProgyJson;
import dev.progy.model.CourseProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a course folder or .progy file and list every problem at once.")
final class ValidateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder or .progy file.")
    String course;

    ValidateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<CourseProblem> problems = ctx.progy().validate(ctx.path(course));
        if (common.json) {
            var n = ProgyJson.object();
            n.put("valid", problems.isEmpty());
            n.set("problems", ProgyJson.problems(problems));
            ctx.out.println(ProgyJson.print(n));
        } else if (problems.isEmpty()) {
            ctx.out.println(ctx.style(common.noColor).green("✓") + " " + course + " is a valid course");
        } else {
            Style s = ctx.style(common.noColor);
            ctx.out.println(s.red("✗") + " " + course + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            for (CourseProblem p : problems) {
                String where = p.location().isEmpty() ? p.file() : p.file() + " " + s.dim("(" + p.location() + ")");
                ctx.out.println("  " + s.bold(where) + ": " + p.message());
            }
        }
        return problems.isEmpty() ? ExitCode.OK : ExitCode.COURSE_INVALID;
    }
}
