package dev.progy.model;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one run of an exercise produced, whichever runner ran it and however the runner reported.
 *
 * @param status          pass, fail or error (the code could not be run or checked)
 * @param termination     how the run ended: normally, or cut off by a limit
 * @param summary         one line for the student; may be empty
 * @param tests           per-test outcomes, in the order reported; may be empty
 * @param diagnostics     compiler or linter findings; may be empty
 * @param output          stdout and stderr as captured (capped)
 * @param outputTruncated whether {@code output} was cut at the output limit
 * @param exitCode        the process's exit code, if it exited
 * @param score           0–100 when the runner reported one
 * @param duration        wall time of the run
 * @param source          how the result was read
 */
public record RunResult(
        Status status,
        Termination termination,
        String summary,
        List<TestOutcome> tests,
        List<Diagnostic> diagnostics,
        String output,
        boolean outputTruncated,
        OptionalInt exitCode,
        OptionalInt score,
        Duration duration,
        Source source) {

    public RunResult {
        tests = List.copyOf(tests);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when the exercise passed. */
    public boolean passed() {
        return status == Status.PASS;
    }

    /** Overall verdict. */
    public enum Status { PASS, FAIL, ERROR }

    /** How the run ended. Anything but NORMAL is reported as exactly that, never as a plain failure. */
    public enum Termination {
        NORMAL, TIMEOUT, OUT_OF_MEMORY, OUTPUT_LIMIT,
        /** The run wrote more than its disk limit ({@link RunnerSpec.Limits#diskMb()}) and was stopped. */
        DISK_LIMIT
    }

    /** Where the verdict came from. */
    public enum Source { RESULTS_FILE, SRP, EXIT_CODE, LIMIT }
}
