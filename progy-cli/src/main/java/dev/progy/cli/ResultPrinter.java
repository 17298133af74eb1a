package dev.progy.cli;

import dev.progy.model.Diagnostic;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;

import java.io.PrintWriter;

/** Prints a run result for a person: a verdict line, one line per test, diagnostics with file:line. */
final class ResultPrinter {
    /** Lines of a runner's output shown without {@code -v}: a runaway's megabyte would bury the verdict. */
    static final int OUTPUT_TAIL_LINES = 40;

    private final PrintWriter out;
    private final Style style;

    ResultPrinter(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    void header(Exercise exercise) {
        out.println(style.bold("▶ " + exercise.id()) + "  " + exercise.title());
        out.flush();
    }

    void print(RunResult r, boolean verbose) {
        for (TestOutcome t : r.tests()) {
            String mark = switch (t.status()) {
                case PASS -> style.green("✓");
                case FAIL -> style.red("✗");
                case ERROR -> style.red("!");
            };
            String line = "  " + mark + " " + t.name();
            if (!t.message().isBlank() && t.status() != RunResult.Status.PASS) {
                line += style.dim(" — ") + firstLines(t.message(), 6).replace("\n", "\n      ");
            }
            out.println(line);
        }
        for (Diagnostic d : r.diagnostics()) {
            String sev = switch (d.severity()) {
                case ERROR -> style.red("error");
                case WARNING -> style.yellow("warning");
                case NOTE -> style.dim("note");
            };
            out.println("  " + sev + " " + (d.location().isEmpty() ? "" : style.bold(d.location()) + ": ") + d.message());
            if (!d.snippet().isBlank()) {
                out.println("      " + style.dim(d.snippet().strip()));
            }
            if (!d.suggestion().isBlank()) {
                out.println("      hint: " + d.suggestion());
            }
        }
        boolean showOutput = verbose || r.termination() != RunResult.Termination.NORMAL
                || (!r.passed() && r.tests().isEmpty() && r.diagnostics().isEmpty());
        if (showOutput && !r.output().isBlank()) {
            String[] lines = r.output().strip().split("\n", -1);
            int from = verbose ? 0 : Math.max(0, lines.length - OUTPUT_TAIL_LINES);
            out.println(style.dim(from == 0 ? "  ── output ──"
                    : "  ── output: last " + OUTPUT_TAIL_LINES + " of " + lines.length + " lines (-v shows all) ──"));
            for (int i = from; i < lines.length; i++) {
                out.println("  " + lines[i]);
            }
        }
        out.println(verdict(r));
        out.flush();
    }

    private String verdict(RunResult r) {
        String time = style.dim(" (" + seconds(r) + ")");
        long passed = r.tests().stream().filter(t -> t.status() == RunResult.Status.PASS).count();
        String counts = r.tests().isEmpty() ? "" : ": " + passed + " of " + r.tests().size() + " tests passed";
        String text = r.summary().strip();
        if (!r.diagnostics().isEmpty()) {
            text = text.lines().findFirst().orElse(""); // its further lines ("symbol:", "location:") are shown above
        }
        String summary = text.isEmpty() ? "" : " — " + text;
        if (r.status() == RunResult.Status.FAIL && text.startsWith("failed ")) {
            summary = text.substring("failed".length()); // "✗ failed with exit code 1", not "✗ failed — failed with …"
        }
        return switch (r.termination()) {
            case TIMEOUT -> style.red("⏱ timed out") + summary + time;
            case OUT_OF_MEMORY -> style.red("✗ out of memory") + summary + time;
            case OUTPUT_LIMIT -> style.red("✗ output limit reached") + summary + time;
            case DISK_LIMIT -> style.red("✗ disk limit reached") + summary + time;
            case NORMAL -> switch (r.status()) {
                case PASS -> style.green("✓ passed") + counts + time;
                case FAIL -> style.red("✗ failed") + (counts.isEmpty() ? summary : counts) + time;
                case ERROR -> style.red("! error") + summary + time;
            };
        };
    }

    /**
     * The run's time in seconds with one decimal, as {@code %.1f s} rounds it (half up), written by hand: a
     * {@code String.format} of a double sets up the JDK's locale data in a fresh JVM, ≈ 10 ms of every run.
     */
    static String seconds(RunResult r) {
        long tenths = Math.round(r.duration().toMillis() / 100.0);
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.strip().split("\n", -1);
        if (lines.length <= n) {
            return s.strip();
        }
        return String.join("\n", java.util.Arrays.copyOf(lines, n)) + "\n…";
    }

    /** The exit code a run maps to. */
    static int exitCode(RunResult r) {
        if (r.termination() != RunResult.Termination.NORMAL || r.status() == RunResult.Status.ERROR) {
            return ExitCode.RUN_ERROR;
        }
        return r.passed() ? ExitCode.OK : ExitCode.FAILED;
    }
}
