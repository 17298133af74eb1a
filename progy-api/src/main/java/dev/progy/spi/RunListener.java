package dev.progy.spi;

import dev.progy.model.RunResult;

/** Hears a run as it happens. Every method has a no-op default so the interface can grow. */
public interface RunListener {

    /** Hears nothing. */
    RunListener NONE = new RunListener() { };

    /** The runner is about to start the course's program. */
    default void started(RunRequest request) { }

    /** The program printed this (stdout and stderr interleaved as they arrived). */
    default void output(String chunk) { }

    /** The run is over. */
    default void finished(RunResult result) { }
}
