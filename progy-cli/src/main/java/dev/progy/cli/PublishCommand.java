package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.PublishRejectedException;
import dev.progy.guard.Guard;
import dev.progy.guard.GuardOptions;
import dev.progy.guard.GuardReport;
import dev.progy.guard.JsonReport;
import dev.progy.spi.PublishListener;
import dev.progy.spi.PublishStep;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code progy publish [course] [--dry-run]}: Course Guard's static checks here, with the limits the server uses,
 * then the upload, then the server's checks one line per step as they happen, and the verdict. Exit 0 when the
 * version is live (or, with --dry-run, when the server's static checks would pass), 1 when it is refused.
 */
@Command(name = "publish", description = {"Publish a course to the registry of your Progy server.",
        "Runs Course Guard's static checks here first, with the same limits and rules as the server (with --dry-run it "
                + "stops there, uploads nothing, and shows exactly what the server would refuse), then packs and uploads "
                + "the course and shows each of the server's checks as it happens. The version goes live only when "
                + "every check passes; a refused one shows the report. Needs a login with the scope publish:<scope> "
                + "(progy login <server> --scope publish:<scope>)."})
final class PublishCommand implements Callable<Integer> {
    /** The names a server's courses have (the SDK's registry charset, always scoped). */
    private static final Pattern SERVER_NAME = Pattern.compile("@[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*");

    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<course>",
            description = "Course folder or .progy file (default: the current folder).")
    String course;

    @Option(names = "--dry-run", description = "Run the checks the server would run on its own first and stop: "
            + "nothing is uploaded.")
    boolean dryRun;

    @Mixin
    ServerOptions.Registry registryServer;

    PublishCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Style s = ctx.style(common.noColor);
        Path source = course == null ? ctx.cwd : ctx.path(course);
        // the server's first checks: its limits and Course Guard's static rules, with the same defaults
        GuardReport report = Guard.check(source, GuardOptions.defaults());
        // the server's name check: a course that loads has its id in the report
        String nameProblem = report.passed() && !SERVER_NAME.matcher(report.course()).matches()
                ? "the course id '" + report.course() + "' is not a registry name: a server's courses are named "
                + "@scope/name, the scope being your account or one of your organisations" : null;
        if (!report.passed() || nameProblem != null) {
            if (common.json) {
                ObjectNode n = CliJson.object().put("state", "refused-here").put("uploaded", false);
                n.set("guard", JsonReport.of(report));
                n.put("name", nameProblem);
                ctx.out.println(CliJson.print(n));
            } else {
                GuardCommand.printFindings(report, ctx, s);
                if (nameProblem != null) {
                    ctx.out.println(s.red("error") + " " + s.bold("course.json") + " " + nameProblem);
                    ctx.out.println("    " + s.dim("fix: set \"id\" in course.json to \"@<you>/"
                            + report.course().replaceFirst("^@?[^/]*/", "") + "\""));
                }
                ctx.out.println(s.red("✗ the server would refuse this course") + ": "
                        + (nameProblem == null ? GuardCommand.counts(report) : "its name")
                        + ". Nothing was uploaded; fix the errors above and run progy publish again.");
            }
            return ExitCode.FAILED;
        }
        if (dryRun) {
            if (common.json) {
                ObjectNode n = CliJson.object().put("state", "passes-here").put("uploaded", false);
                n.set("guard", JsonReport.of(report));
                ctx.out.println(CliJson.print(n));
            } else {
                GuardCommand.printFindings(report, ctx, s);
                ctx.out.println(s.green("✓ the server's static checks pass") + " (" + GuardCommand.counts(report)
                        + "). Nothing was uploaded (--dry-run); on the server it also runs the solutions and "
                        + "starters, checks links and optimizes images.");
            }
            return ExitCode.OK;
        }
        registryServer.apply(ctx);
        Path scratch = Files.createTempDirectory("progy-publish-");
        try (Registry registry = ctx.discovery().registry()) {
            Path archive = source;
            if (Files.isDirectory(source)) {
                archive = scratch.resolve("course.progy");
                ctx.progy().pack(source, archive);
            }
            ArrayNode steps = CliJson.object().arrayNode();
            PublishListener listener = new PublishListener() {
                @Override
                public void submitted(String name, String version) {
                    if (!common.json) {
                        ctx.out.println("Uploaded " + s.bold(name + "@" + version) + "; the server checks it:");
                        ctx.out.flush();
                    }
                }

                @Override
                public void step(PublishStep step) {
                    steps.addObject().put("step", step.step()).put("state", step.state()).put("detail", step.detail());
                    if (!common.json) {
                        ctx.out.println("  " + mark(step.state(), s) + " " + step.step()
                                + " ".repeat(Math.max(1, 10 - step.step().length())) + step.state()
                                + (step.detail().isBlank() ? "" : s.dim("  " + step.detail())));
                        ctx.out.flush();
                    }
                }
            };
            try {
                RegistryEntry live = registry.publish(archive, listener);
                if (common.json) {
                    ObjectNode n = CliJson.object().put("state", "live").put("name", live.name())
                            .put("version", live.version()).put("sha256", live.sha256()).put("size", live.size());
                    live.verified().ifPresent(v -> n.put("verified", v));
                    n.set("steps", steps);
                    ctx.out.println(CliJson.print(n));
                } else {
                    ctx.out.println(s.green("✓ " + live.name() + "@" + live.version() + " is live")
                            + live.verified().map(v -> v ? " (verified: its solutions pass and starters fail on the "
                            + "server)" : " (not verified: the server did not run its solutions, see the runs step)")
                            .orElse("")
                            + ". Install it with: progy init " + live.name());
                }
                return ExitCode.OK;
            } catch (PublishRejectedException rejected) {
                if (common.json) {
                    ObjectNode n = CliJson.object().put("state", "rejected").put("report", rejected.report())
                            .put("sarif", rejected.sarifUrl().orElse(null));
                    n.set("steps", steps);
                    ctx.out.println(CliJson.print(n));
                } else {
                    ctx.out.println(s.red("✗ refused: nothing went live."));
                    if (!rejected.report().isBlank()) {
                        ctx.out.println(rejected.report().strip());
                    }
                    rejected.sarifUrl().ifPresent(u -> ctx.out.println(s.dim("The report as SARIF: " + u
                            + " (with your token in Authorization: Bearer)")));
                    ctx.out.println("Fix what the report says, raise the version in course.json, and publish again.");
                }
                return ExitCode.FAILED;
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String mark(String state, Style s) {
        return switch (state) {
            case "passed" -> s.green("✓");
            case "failed" -> s.red("✗");
            case "warning" -> s.yellow("!");
            case "running" -> "…";
            case "skipped" -> s.dim("-");
            default -> s.dim("·");
        };
    }
}
