package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.CourseProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "init", description = {"Make a student workspace from a course folder, a .progy file or a registry name.",
        "The course is kept pristine under .progy/; starter files are copied once; your files are never overwritten."})
final class InitCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder, .progy file, or registry name[@version].")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<dir>", description = "Workspace folder (default: the current folder).")
    Path dir;

    InitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Path target = dir != null ? ctx.path(dir.toString()) : ctx.cwd;
        Path asPath = ctx.path(source);
        String resolved = Files.exists(asPath) ? asPath.toString() : source;
        Workspace ws = ctx.progy().init(resolved, target);
        if (common.json) {
            var n = CliJson.object();
            n.put("workspace", ws.root().toString());
            n.put("courseId", ws.course().id());
            n.put("courseName", ws.course().name());
            n.put("exercises", ws.course().exercises().size());
            n.set("warnings", CliJson.problems(ws.course().warnings()));
            ctx.out.println(CliJson.print(n));
        } else {
            Style s = ctx.style(common.noColor);
            ctx.out.println(s.green("✓") + " " + ws.course().name() + " is ready in " + ws.root());
            warnings(ws.course().warnings(), s);
            Path relative = ctx.cwd.relativize(ws.root());
            String next = relative.toString().isEmpty() ? "progy run" : "cd " + relative + " && progy run";
            ctx.out.println("  " + count(ws.course().exercises().size(), "exercise") + " in "
                    + count(ws.course().modules().size(), "module") + ". Next: " + s.bold(next));
        }
        return ExitCode.OK;
    }

    /**
     * The course's warnings, shown here only (list and run stay quiet about them): what the original Progy tolerated,
     * so the course runs, and what its author should still fix.
     */
    private void warnings(List<CourseProblem> warnings, Style s) {
        if (warnings.isEmpty()) {
            return;
        }
        ctx.out.println("  " + s.yellow("!") + " " + count(warnings.size(), "warning") + " about the course (it runs"
                + " as it is; " + (warnings.size() == 1 ? "this is" : "these are") + " for its author to fix):");
        for (CourseProblem p : warnings) {
            String where = p.location().isEmpty() ? p.file() : p.file() + " " + s.dim("(" + p.location() + ")");
            ctx.out.println("    " + where + ": " + p.message());
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
