package dev.progy.cli;

import dev.progy.CourseArchive;
import dev.progy.ProgyJson;
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

@Command(name = "pack", description = "Pack a valid course folder into a deterministic .progy archive, its images optimized with --optimize.")
final class PackCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder.")
    String course;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<file.progy>", description = "Archive to write.")
    String output;

    @Option(names = "--optimize", description = "Convert the course's images to WebP in the archive (the course "
            + "folder is not changed); see progy optimize.")
    boolean optimize;

    PackCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path out = ctx.path(output);
        ctx.progy().pack(ctx.path(course), out);
        OptimizationReport report = optimize ? AssetOptimizer.optimize(out, AssetOptions.defaults()) : null;
        String sha = CourseArchive.sha256(out);
        if (common.json) {
            var n = ProgyJson.object();
            n.put("archive", out.toString());
            n.put("sha256", sha);
            n.put("size", Files.size(out));
            if (report != null) {
                n.set("optimize", JsonOptimizationReport.of(report));
            }
            ctx.out.println(ProgyJson.print(n));
        } else {
            if (report != null) {
                OptimizeCommand.print(report, ctx, ctx.style(common.noColor));
            }
            ctx.out.println(ctx.style(common.noColor).green("✓") + " packed " + out + " (" + Files.size(out)
                    + " bytes, sha256 " + sha + ")");
        }
        return ExitCode.OK;
    }
}
