package dev.progy.internal.quiz;

import java.time.Duration;

/**
 * Runs a snippet of code for a coding question: the code, fed {@code stdin}, killed after {@code timeout}.
 * Grading runs the student's answer through this, so a coding answer is right only when its output is.
 */
public interface CodeExecutor {

    /**
     * Runs {@code code} written in {@code language}.
     *
     * @throws RuntimeException when the code cannot be started at all (the question is then reported as not
     *                          checkable here)
     */
    Execution run(String language, String code, String stdin, Duration timeout);

    /** Whether this executor can run {@code language} here; a question in another language cannot be checked. */
    default boolean supports(String language) {
        return true;
    }

    /**
     * The outcome of one run.
     *
     * @param exitCode the process's exit code (meaningless when timed out)
     * @param stdout   what it printed, capped
     * @param timedOut whether it was killed for running too long
     */
    record Execution(int exitCode, String stdout, boolean timedOut) { }
}
