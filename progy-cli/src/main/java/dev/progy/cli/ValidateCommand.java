package dev.progy.cli;

import dev.progy.model.CourseProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = {"Check a course folder or .progy file and list every problem at once.",
        "Errors stop the course from running (exit 3); warnings (stale info.toml entries, prerequisites that can never"
                + " be met, unknown keys) are shown but pass, unless --strict."})
final class ValidateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--strict", description = "Fail (exit 3) on warnings too, as the Course Guard does.")
    boolean strict;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder or .progy file.")
    String course;

    ValidateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<CourseProblem> problems = ctx.progy().validate(ctx.path(course));
        List<CourseProblem> errors = problems.stream().filter(CourseProblem::isError).toList();
        List<CourseProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        boolean valid = errors.isEmpty() && (!strict || warnings.isEmpty());
        if (common.json) {
            var n = CliJson.object();
            n.put("valid", valid);
            n.put("errors", errors.size());
            n.put("warnings", warnings.size());
            n.set("problems", CliJson.problems(problems));
            ctx.out.println(CliJson.print(n));
            return valid ? ExitCode.OK : ExitCode.COURSE_INVALID;
        }
        Style s = ctx.style(common.noColor);
        if (problems.isEmpty()) {
            ctx.out.println(s.green("✓") + " " + course + " is a valid course");
        } else if (valid) {
            ctx.out.println(s.green("✓") + " " + course + " is a valid course, with " + count(warnings.size(), "warning")
                    + " (it runs; --strict fails on warnings)");
        } else {
            ctx.out.println(s.red("✗") + " " + course + ": " + count(errors.size(), "error")
                    + (warnings.isEmpty() ? "" : ", " + count(warnings.size(), "warning"))
                    + (errors.isEmpty() ? " (--strict fails on warnings)" : ""));
        }
        for (CourseProblem p : errors) {
            print(p, s.red("error  "), s);
        }
        for (CourseProblem p : warnings) {
            print(p, s.yellow("warning"), s);
        }
        return valid ? ExitCode.OK : ExitCode.COURSE_INVALID;
    }

    private void print(CourseProblem p, String label, Style s) {
        String where = p.location().isEmpty() ? p.file() : p.file() + " " + s.dim("(" + p.location() + ")");
        ctx.out.println("  " + label + " " + s.bold(where) + ": " + p.message());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
