package dev.progy.model;

import java.util.Optional;

/**
 * Where a student stands on one exercise: its record, and whether it is locked and why.
 *
 * @param exercise   the exercise
 * @param progress   the student's record of it
 * @param lockReason why it is locked (e.g. "pass 01_basics/01_hello first"); empty when unlocked
 */
public record ExerciseState(Exercise exercise, ExerciseProgress progress, Optional<String> lockReason) {

    /** True when the student may not run it yet. */
    public boolean locked() {
        return lockReason.isPresent();
    }

    /** True once it has passed. */
    public boolean passed() {
        return progress.everPassed();
    }
}
