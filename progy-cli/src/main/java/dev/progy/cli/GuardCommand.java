package dev.progy.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.progy.ProviderDiscovery;
import dev.progy.guard.rule.Finding;
import dev.progy.guard.Guard;
import dev.progy.guard.GuardLimits;
import dev.progy.guard.GuardOptions;
import dev.progy.guard.GuardReport;
import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;
import dev.progy.guard.JsonReport;
import dev.progy.guard.SarifReport;
import dev.progy.guard.rule.Severity;
import dev.progy.guard.SolutionCheck;
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
        description = {"Check a course before publishing it.",
                "Validity and size, scripts, Dockerfiles, compose files, network access, Markdown links, and that "
                        + "every exercise has a solution (with --run: that starters fail and solutions pass)."})
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
            if (common.json) {
                var list = JsonNodeFactory.instance.arrayNode();
                for (GuardRule r : GuardRules.all()) {
                    list.addObject().put("id", r.id()).put("severity", r.severity().name().toLowerCase(Locale.ROOT))
                            .put("title", r.title()).put("rationale", r.rationale());
                }
                ctx.out.println(CliJson.print(list));
                return ExitCode.OK;
            }
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
            options = options.reviewedBy(ctx.discovery().aiProvider());
        }
        GuardReport report = Guard.check(ctx.path(course), options);
        if (sarif) {
            ctx.out.println(CliJson.print(SarifReport.of(report)));
        } else if (common.json) {
            ctx.out.println(CliJson.print(JsonReport.of(report)));
        } else {
            printFindings(report, ctx, s);
            printRuns(report, s);
            ctx.out.println((report.passed() ? s.green("✓ passes") : s.red("✗ does not pass")) + ": " + counts(report));
            if (aiReview && report.findings().stream().noneMatch(f -> f.rule() == GuardRules.AI_ADVICE)) {
                ctx.out.println(s.dim("AI review: no advice (the AI provider in use, chosen by progy.ai, gives none)"));
            }
        }
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Each finding on a line, with its fix under it (also what {@code progy publish} shows before uploading). */
    static void printFindings(GuardReport report, CliContext ctx, Style s) {
        for (Finding f : report.findings()) {
            ctx.out.println(severity(f.severity(), s) + " " + s.bold(f.location()) + " " + s.dim("[" + f.rule().id() + "]")
                    + " " + f.message());
            if (!f.fix().isEmpty()) {
                ctx.out.println("    " + s.dim("fix: " + f.fix()));
            }
        }
    }

    /** "1 error, 2 warnings, 0 notes". */
    static String counts(GuardReport report) {
        return count(report.count(Severity.ERROR), "error") + ", " + count(report.count(Severity.WARNING), "warning")
                + ", " + count(report.count(Severity.INFO), "note");
    }

    /** With --run, one line per exercise: how its starter and its solution ended, and whether that is right. */
    private void printRuns(GuardReport report, Style s) {
        if (report.runs().isEmpty()) {
            return;
        }
        ctx.out.println(s.bold("starters and solutions") + s.dim(" (runner '" + report.runs().get(0).runner() + "')"));
        int width = report.runs().stream().mapToInt(c -> c.exercise().length()).max().orElse(0);
        for (SolutionCheck c : report.runs()) {
            // what went as it should is said in a word; what did not, with its detail
            String starter = "starter " + (c.starterPassed() ? c.starter() + " (it must fail)" : brief(c.starter()));
            String solution = "solution " + c.solution();
            ctx.out.println("  " + (c.asExpected() ? s.green("✓") : s.red("✗")) + " "
                    + c.exercise() + " ".repeat(width - c.exercise().length() + 2)
                    + (c.starterPassed() ? s.red(starter) : starter) + s.dim(" · ")
                    + (c.solutionPassed() ? solution : s.red(solution)));
        }
        long right = report.runs().stream().filter(SolutionCheck::asExpected).count();
        ctx.out.println("  " + right + " of " + report.runs().size() + " exercises as they should be");
    }

    /** "1 warning", "2 warnings". */
    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** A verdict without its detail: "fails: test 'x' — …" → "fails". */
    private static String brief(String verdict) {
        int colon = verdict.indexOf(':');
        return colon < 0 ? verdict : verdict.substring(0, colon);
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
