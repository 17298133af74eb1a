package dev.progy.spi.support.protocol;

import dev.progy.spi.support.ByteSize;
import dev.progy.spi.support.Durations;
import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.RunResult.Termination;
import dev.progy.model.RunnerSpec;
import dev.progy.model.TestOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads what a run produced as a {@link RunResult}, the same way for every runner. The first of these that
 * applies decides:
 *
 * <ol>
 *   <li><b>A limit.</b> A run that hit its timeout, its memory limit or its output limit is an
 *       {@link Status#ERROR ERROR} with termination {@code TIMEOUT}, {@code OUT_OF_MEMORY},
 *       {@code DISK_LIMIT} or {@code OUTPUT_LIMIT} (checked in that order) and a summary saying exactly that, e.g. {@code timed out
 *       after 20 s}. ERROR, not FAIL: the student's code was never checked to the end, so it neither passed nor
 *       failed. Whatever the run reported before it was stopped is ignored.</li>
 *   <li><b>{@code results.json}</b> in {@code $PROGY_OUTPUT_DIR}, in the shape of Exercism's test-runner
 *       interface (versions 1–3; see {@link #RESULTS_FILE_LIMIT_BYTES} for its size limit). A file that is too
 *       large or malformed is an ERROR saying so — the course's runner is broken, and its author must hear it.</li>
 *   <li><b>An SRP block</b>: the JSON object printed between {@code __SRP_BEGIN__} and {@code __SRP_END__}
 *       (the first block; the markers need not be on lines of their own, as in the original Progy). A block that
 *       is not a JSON object with a boolean {@code success} is an ERROR saying so. Without a block, the last
 *       {@code {…}} in the output that parses as a JSON object with a boolean {@code success} is read the same
 *       way (the original's fallback, for runners that print bare JSON).</li>
 *   <li><b>The exit code</b>: 0 passes, anything else fails; no exit code at all is an ERROR.</li>
 * </ol>
 *
 * <p>The result's output is what the program printed with the SRP block (or the bare JSON object) cut out;
 * when the SRP object carries a {@code raw} text that the output does not already contain, it is appended, as
 * wrapper scripts put the student's output there.
 */
public final class ResultProtocol {

    /** Name of the results file a runner may write into {@code $PROGY_OUTPUT_DIR}. */
    public static final String RESULTS_FILE = "results.json";

    /** Environment variable naming the folder where a run may write {@value #RESULTS_FILE}. */
    public static final String OUTPUT_DIR_VARIABLE = "PROGY_OUTPUT_DIR";

    /** The largest results file read: 500 KiB. A larger one is reported as an error, never parsed. */
    public static final int RESULTS_FILE_LIMIT_BYTES = 500 * 1024;

    private ResultProtocol() { }

    /**
     * The result of a run.
     *
     * @param run    what the runner saw
     * @param limits the limits the run was held to (its timeout and memory), for the summary of a run that hit one
     */
    public static RunResult read(RawRun run, RunnerSpec.Limits limits) {
        if (run.timedOut()) {
            return limitHit(run, Termination.TIMEOUT, "timed out after " + Durations.format(limits.timeout()));
        }
        if (run.outOfMemory()) {
            return limitHit(run, Termination.OUT_OF_MEMORY, "ran out of memory (" + limits.memoryMb() + " MiB)");
        }
        if (run.wroteTooMuch()) {
            return limitHit(run, Termination.DISK_LIMIT, wroteTooMuch(limits));
        }
        if (run.outputTruncated()) {
            return limitHit(run, Termination.OUTPUT_LIMIT,
                    "printed more than " + ByteSize.format(CappedOutput.OUTPUT_LIMIT_BYTES) + "; output cut");
        }
        SrpReport.Found srp = SrpReport.find(run.output());
        String output = srp.outputWithout();
        if (run.resultsJson().isPresent()) {
            RunResult fromFile = ExercismResults.read(run.resultsJson().get(), run, output);
            // Exercism's format has no place for compiler diagnostics; a runner that reports both ways keeps its
            // SRP diagnostics (file, line, column) next to the results file's verdict
            if (fromFile.diagnostics().isEmpty() && srp.json().isPresent()) {
                List<Diagnostic> diagnostics = SrpReport.read(srp, run).diagnostics();
                if (!diagnostics.isEmpty()) {
                    return new RunResult(fromFile.status(), fromFile.termination(), fromFile.summary(),
                            fromFile.tests(), diagnostics, fromFile.output(), fromFile.outputTruncated(),
                            fromFile.exitCode(), fromFile.score(), fromFile.duration(), fromFile.source());
                }
            }
            return fromFile;
        }
        if (srp.json().isPresent()) {
            return SrpReport.read(srp, run);
        }
        return byExitCode(run);
    }

    /**
     * The content of {@value #RESULTS_FILE} in {@code outputDir}, if the run wrote one. At most
     * {@link #RESULTS_FILE_LIMIT_BYTES} + 1 bytes are read, so an oversized file is recognised without reading it
     * all. A link is never followed (it could point at the student's private files) and, like anything but a
     * regular file, counts as no results file.
     */
    public static Optional<String> readResultsFile(Path outputDir) {
        Path file = outputDir.resolve(RESULTS_FILE);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(new String(in.readNBytes(RESULTS_FILE_LIMIT_BYTES + 1), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty(); // absent, or gone before it could be read
        }
    }

    /** The summary of a run stopped at its disk limit: {@code wrote too much (limit 256 MiB)}. */
    public static String wroteTooMuch(RunnerSpec.Limits limits) {
        return "wrote too much (limit " + ByteSize.format((long) limits.diskMb() << 20) + ")";
    }

    /**
     * The result of a run whose program could not be started at all (command not found, not executable): an
     * ERROR whose summary is {@code why}, e.g. {@code python3: command not found on PATH; install it}.
     */
    public static RunResult couldNotStart(String why, Duration duration) {
        return new RunResult(Status.ERROR, Termination.NORMAL, why, List.of(), List.of(), "", false,
                OptionalInt.empty(), OptionalInt.empty(), duration, Source.EXIT_CODE);
    }

    private static RunResult limitHit(RawRun run, Termination termination, String summary) {
        return new RunResult(Status.ERROR, termination, summary, List.of(), List.of(), run.output(),
                run.outputTruncated(), run.exitCode(), OptionalInt.empty(), run.duration(), Source.LIMIT);
    }

    private static RunResult byExitCode(RawRun run) {
        Status status;
        String summary;
        if (run.exitCode().isEmpty()) {
            status = Status.ERROR;
            summary = "the run ended without an exit code";
        } else if (run.exitCode().getAsInt() == 0) {
            status = Status.PASS;
            summary = "passed";
        } else {
            int code = run.exitCode().getAsInt();
            status = Status.FAIL;
            summary = "failed with exit code " + code
                    + (code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "");
        }
        return new RunResult(status, Termination.NORMAL, summary, List.of(), List.of(), run.output(), false,
                run.exitCode(), OptionalInt.empty(), run.duration(), Source.EXIT_CODE);
    }

    /** A result read from a report (results file or SRP), with the run's own facts. */
    static RunResult reported(RawRun run, Status status, Source source, String summary, List<TestOutcome> tests,
                              List<Diagnostic> diagnostics, String output, OptionalInt score) {
        return new RunResult(status, Termination.NORMAL, summary.isBlank() ? defaultSummary(status, tests) : summary,
                tests, diagnostics, output, false, run.exitCode(), score, run.duration(), source);
    }

    /** A report the course's runner got wrong: an ERROR telling the course author what to fix. */
    static RunResult brokenReport(RawRun run, Source source, String problem, String output) {
        return new RunResult(Status.ERROR, Termination.NORMAL, problem, List.of(), List.of(), output, false,
                run.exitCode(), OptionalInt.empty(), run.duration(), source);
    }

    private static String defaultSummary(Status status, List<TestOutcome> tests) {
        if (!tests.isEmpty()) {
            long passed = tests.stream().filter(t -> t.status() == Status.PASS).count();
            return passed + " of " + tests.size() + " test" + (tests.size() == 1 ? "" : "s") + " passed";
        }
        return switch (status) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case ERROR -> "the course's runner reported an error";
        };
    }
}
