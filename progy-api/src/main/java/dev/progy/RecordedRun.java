package dev.progy;

import dev.progy.error.ProgyException;

import dev.progy.model.RunResult;

import java.util.Objects;
import java.util.Optional;

/**
 * A run of an exercise ({@link Progy#runAndRecord}) and whether its outcome made it into the workspace's progress.
 *
 * @param result   what the run produced, always complete
 * @param notSaved why the outcome is not in the progress (a read-only workspace, an unwritable progress file),
 *                 with what to do; empty when it was recorded
 */
public record RecordedRun(RunResult result, Optional<ProgyException> notSaved) {
    public RecordedRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(notSaved, "notSaved");
    }
}
