package dev.progy.cli;

import dev.progy.ProgyJson;
import dev.progy.ProviderDiscovery;
import dev.progy.guard.Finding;
import dev.progy.guard.Guard;
import dev.progy.guard.GuardLimits;
import dev.progy.guard.GuardOptions;
import dev.progy.guard.GuardReport;
import dev.progy.guard.GuardRule;
import dev.progy.guard.GuardRules;
import dev.progy.guard.JsonReport;
import dev.progy.guard.SarifReport;
import dev.progy.guard.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code progy guard <course>}: Course Guard's checks of a course folder or archive, as text, JSON or SARIF.
 * Exit 0 when the course passes (no error), 1 when it does not; {@code --rules} lists every rule.
 */
@Command(name = "guard", mixinStandardHelpOptions = true,
        description = "Check a course before publishing it: validity and size, scripts, Dockerfiles, compose files, "
                + "network access, Markdown links, solutions.")
final class GuardCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<course>", description = "Course folder or .progy file.")
    String course;

    @Option(names = "--sarif", description = "Print the report as SARIF 2.1.0 (for CI systems and code-scanning UIs).")
    boolean sarif;

    @Option(names = "--rules", description = "List every rule with its severity and rationale, and check nothing.")
    boolean rules;

    @Option(names = "--run", description = "Also run every exercise's starter (it must fail) and solution (it must "
            + "pass) with the course's runner; a course with errors is never run.")
    boolean run;

    @Mixin
    CourseRunnerOption courseRunner;

    @Mixin
    EngineOption engine;

    @Option(names = "--check-external", description = "Also request every http(s) link and image of the Markdown "
            + "(HEAD, then GET): a missing page or host is an error, a busy or unreachable server a warning.")
    boolean checkExternal;

    @Option(names = "--link-timeout", paramLabel = "<seconds>", defaultValue = "10",
            description = "How long each external link may take (default: ${DEFAULT-VALUE}).")
    int linkTimeoutSeconds;

    @Option(names = "--ai-review", description = "Also ask the configured AI provider (progy.ai) for advice on the "
            + "instructions and hints; its advice is shown as notes and never decides the verdict.")
    boolean aiReview;

    @Option(names = "--max-archive", paramLabel = "<MiB>", description = "Largest .progy archive allowed, in MiB "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int maxArchiveMib;

    GuardCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Style s = ctx.style(common.noColor);
        if (rules) {
            for (GuardRule r : GuardRules.all()) {
                ctx.out.println(s.bold(r.id()) + "  " + severity(r.severity(), s) + "  " + r.title());
                ctx.out.println("    " + s.dim(r.rationale()));
            }
            return ExitCode.OK;
        }
        if (course == null) {
            ctx.err.println("give the course to check: progy guard <course folder | file.progy> (or --rules)");
            return ExitCode.USAGE;
        }
        if (maxArchiveMib < 1) {
            ctx.err.println("--max-archive must be at least 1 (MiB)");
            return ExitCode.USAGE;
        }
        engine.applyTo(ctx);
        GuardOptions options = GuardOptions.defaults()
                .withLimits(GuardLimits.DEFAULT.withMaxArchive((long) maxArchiveMib << 20));
        if (checkExternal) {
            options = options.checkingExternalLinks(Duration.ofSeconds(Math.max(1, linkTimeoutSeconds)));
        }
        if (run) {
            options = options.runningSolutions(ctx.progy(), Optional.ofNullable(courseRunner.id));
        }
        if (aiReview) {
            options = options.reviewedBy(ProviderDiscovery.using(ctx.config()).aiProvider());
        }
        GuardReport report = Guard.check(ctx.path(course), options);
        if (sarif) {
            ctx.out.println(ProgyJson.print(SarifReport.of(report)));
        } else if (common.json) {
            ctx.out.println(ProgyJson.print(JsonReport.of(report)));
        } else {
            for (Finding f : report.findings()) {
                ctx.out.println(severity(f.severity(), s) + " " + s.bold(f.location()) + " " + s.dim("[" + f.rule().id() + "]")
                        + " " + f.message());
                if (!f.fix().isEmpty()) {
                    ctx.out.println("    " + s.dim("fix: " + f.fix()));
                }
            }
            ctx.out.println((report.passed() ? s.green("✓ passes") : s.red("✗ does not pass")) + ": "
                    + report.count(Severity.ERROR) + " errors, " + report.count(Severity.WARNING) + " warnings, "
                    + report.count(Severity.INFO) + " notes");
            if (aiReview && report.findings().stream().noneMatch(f -> f.rule() == GuardRules.AI_ADVICE)) {
                ctx.out.println(s.dim("AI review: no advice (the AI provider in use, chosen by progy.ai, gives none)"));
            }
        }
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String severity(Severity severity, Style s) {
        String word = severity.name().toLowerCase(Locale.ROOT);
        return switch (severity) {
            case ERROR -> s.red(word);
            case WARNING -> s.yellow(word);
            case INFO -> s.dim(word);
        };
    }
}
