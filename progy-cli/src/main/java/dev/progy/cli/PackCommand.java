package dev.progy.cli;

import dev.progy.CourseArchive;
import dev.progy.ProgyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "pack", description = "Pack a valid course folder into a deterministic .progy archive.")
final class PackCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder.")
    String course;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<file.progy>", description = "Archive to write.")
    String output;

    PackCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path out = ctx.path(output);
        ctx.progy().pack(ctx.path(course), out);
        String sha = CourseArchive.sha256(out);
        if (common.json) {
            var n = ProgyJson.object();
            n.put("archive", out.toString());
            n.put("sha256", sha);
            n.put("size", Files.size(out));
            ctx.out.println(ProgyJson.print(n));
        } else {
            ctx.out.println(ctx.style(common.noColor).green("✓") + " packed " + out + " (" + Files.size(out)
                    + " bytes, sha256 " + sha + ")");
        }
        return ExitCode.OK;
    }
}
