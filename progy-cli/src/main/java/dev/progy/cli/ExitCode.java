package dev.progy.cli;

/**
 * The exit codes of {@code progy}, documented in the README. Scripts and editors may rely on them.
 */
final class ExitCode {
    /** Done; the exercise passed; the course is valid. */
    static final int OK = 0;
    /** The exercise failed its tests, or the quiz was not passed. */
    static final int FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** The course is invalid (every problem is listed). */
    static final int COURSE_INVALID = 3;
    /** No runner can run this course here (engine missing or stopped), or a setup check of the course failed. */
    static final int RUNNER_UNAVAILABLE = 4;
    /** Something named does not exist, is locked, or another user-fixable problem. */
    static final int USER_ERROR = 5;
    /** An archive or path was refused as unsafe. */
    static final int REFUSED = 6;
    /** The exercise could not be checked: it did not compile, crashed the runner, timed out or hit a limit. */
    static final int RUN_ERROR = 7;
    /** Cancelled with Ctrl-C: what a shell reports for a program ended by SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;
    /** A bug in Progy. */
    static final int INTERNAL = 70;

    private ExitCode() { }
}
