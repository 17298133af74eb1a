package dev.progy.cli;

import dev.progy.assets.AssetOptimizer;
import dev.progy.assets.AssetOptions;
import dev.progy.assets.ImageResult;
import dev.progy.assets.JsonOptimizationReport;
import dev.progy.assets.OptimizationListener;
import dev.progy.assets.OptimizationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code progy optimize <course> [-o out] [--avif]}: the course's images to WebP, its references rewritten; a
 * report per image and in total. Bad images are reported, not fatal: the exit code is 0 unless the course itself
 * cannot be read or written.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Convert a course's images to WebP (lossless for screenshots, lossy for photos) and point its "
                + "Markdown, course.json and quizzes at them; originals nothing names any more are removed.")
final class OptimizeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<course>", description = "Course folder or .progy file.")
    String course;

    @Option(names = {"-o", "--output"}, paramLabel = "<out>", description = "Write the optimized course here (a new "
            + "folder, or a file.progy for an archive) instead of changing it in place.")
    String output;

    @Option(names = "--avif", description = "Also write an AVIF beside each WebP when avifenc is installed, for "
            + "renderers that offer <picture> sources; Markdown keeps naming the WebP.")
    boolean avif;

    @Option(names = "--workers", paramLabel = "<n>", description = "Images encoded at a time (default: one per core).")
    Integer workers;

    OptimizeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (workers != null && workers < 1) {
            ctx.err.println("--workers must be at least 1");
            return ExitCode.USAGE;
        }
        Style s = ctx.style(common.noColor);
        AssetOptions.Builder options = AssetOptions.builder().avif(avif).listener(progress());
        if (output != null) {
            options.output(ctx.path(output));
        }
        if (workers != null) {
            options.workers(workers);
        }
        OptimizationReport report = AssetOptimizer.optimize(ctx.path(course), options.build());
        if (common.json) {
            ctx.out.println(CliJson.print(JsonOptimizationReport.of(report)));
            return ExitCode.OK;
        }
        print(report, ctx, s);
        return ExitCode.OK;
    }

    /** One line on a terminal's stderr, rewritten as images finish; nothing when the output goes to a file or a pipe. */
    private OptimizationListener progress() {
        if (!ctx.terminal || common.json) {
            return new OptimizationListener() { };
        }
        return new OptimizationListener() {
            @Override
            public synchronized void imageDone(ImageResult result, int done, int total) {
                int width = 24;
                int filled = total == 0 ? width : done * width / total;
                ctx.err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                        + (done == total ? "\r" + " ".repeat(width + 16) + "\r" : ""));
                ctx.err.flush();
            }
        };
    }

    /** The per-image lines and the total, as {@code optimize} and {@code pack --optimize} print them. */
    static void print(OptimizationReport report, CliContext ctx, Style s) {
        for (ImageResult r : report.images()) {
            String line = switch (r.outcome()) {
                case CONVERTED -> s.green("✓") + " " + r.path() + "  " + size(r.bytesBefore()) + " → "
                        + size(r.bytesAfter()) + " " + s.dim("(" + percent(r.bytesBefore(), r.bytesAfter()) + ", "
                        + r.encoding() + ")") + " → " + r.webp().orElse("") + r.avif().map(a -> " + " + a).orElse("");
                case UNCHANGED -> s.dim("= " + r.path() + "  " + String.join("; ", r.notes()));
                case KEPT -> s.yellow("!") + " " + r.path() + "  kept: " + r.keptReason();
            };
            ctx.out.println(line);
            if (r.outcome() == ImageResult.Outcome.CONVERTED) {
                r.notes().forEach(n -> ctx.out.println("    " + s.dim(n)));
            }
        }
        report.notes().forEach(n -> ctx.out.println(s.yellow("note: ") + n));
        ctx.out.println(s.bold(report.converted() + " of " + report.images().size() + " images converted") + ": "
                + size(report.bytesBefore()) + " → " + size(report.bytesAfter()) + " ("
                + percent(report.bytesBefore(), report.bytesAfter()) + "); " + report.rewrittenFiles().size()
                + " files rewritten, " + report.removedOriginals().size() + " originals removed");
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String percent(long before, long after) {
        return before == 0 ? "±0 %" : String.format(Locale.ROOT, "%+d %%", Math.round(100.0 * (after - before) / before));
    }
}
