package dev.progy.spi;

import java.util.List;

import dev.progy.model.RunResult;

/**
 * Runs one exercise with a course runner and reports the result. A runner never throws for what the
 * student's code does: failures, crashes, timeouts and limits are all {@link RunResult}s. It throws a
 * {@link dev.progy.error.ProgyException} only when it cannot run at all (engine gone, unsafe path).
 */
public interface Runner extends AutoCloseable {

    /** Runs the exercise and blocks until it is done, its timeout hit or a limit reached. */
    RunResult run(RunRequest request, RunListener listener);

    /** Runs without listening. */
    default RunResult run(RunRequest request) {
        return run(request, RunListener.NONE);
    }

    /**
     * What a student should know about runs of this runner on this machine, one sentence each, shown once per
     * workspace before its first run (for example that host runs are not isolated from the student's other
     * processes). None by default.
     */
    default List<String> notes() {
        return List.of();
    }

    /** Releases what the runner holds (connections, warm containers). */
    @Override
    default void close() { }
}
