package dev.progy.cli;

import dev.progy.CourseArchive;
import dev.progy.assets.AssetOptimizer;
import dev.progy.assets.AssetOptions;
import dev.progy.assets.JsonOptimizationReport;
import dev.progy.assets.OptimizationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "pack", description = {"Pack a valid course folder into a .progy archive (the same course gives the "
        + "same bytes).", "Written as <id>-<version>.progy in the current folder unless -o names the file."})
final class PackCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder.")
    String course;

    @Option(names = {"-o", "--output"}, paramLabel = "<file.progy>",
            description = "Archive to write (default: <id>-<version>.progy in the current folder).")
    String output;

    @Option(names = "--optimize", description = "Convert the course's images to WebP in the archive (the course "
            + "folder is not changed); see progy optimize.")
    boolean optimize;

    PackCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path out = output != null ? ctx.path(output) : ctx.cwd.resolve(defaultName(ctx.path(course)));
        ctx.progy().pack(ctx.path(course), out);
        OptimizationReport report = optimize ? AssetOptimizer.optimize(out, AssetOptions.defaults()) : null;
        String sha = CourseArchive.sha256(out);
        if (common.json) {
            var n = CliJson.object();
            n.put("archive", out.toString());
            n.put("sha256", sha);
            n.put("size", Files.size(out));
            if (report != null) {
                n.set("optimize", JsonOptimizationReport.of(report));
            }
            ctx.out.println(CliJson.print(n));
        } else {
            if (report != null) {
                OptimizeCommand.print(report, ctx, ctx.style(common.noColor));
            }
            ctx.out.println(ctx.style(common.noColor).green("✓") + " packed " + out + " (" + Files.size(out)
                    + " bytes, sha256 " + sha + ")");
        }
        return ExitCode.OK;
    }

    /** {@code <id>-<version>.progy}, a registry id's scope kept without its {@code @} and slash. */
    private String defaultName(Path courseFolder) {
        dev.progy.model.Course c = ctx.progy().loadCourse(courseFolder);
        return c.id().replace("@", "").replace('/', '-') + "-" + c.version() + ".progy";
    }
}
