package dev.progy.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A student's record of one exercise.
 *
 * @param status        latest verdict
 * @param attempts      runs so far
 * @param xpEarned      XP earned (only the first pass earns)
 * @param firstPassedAt when it first passed; stays set once set
 * @param lastRunAt     when it last ran
 * @param hintsRevealed how many static hints the student has seen
 */
public record ExerciseProgress(Status status, int attempts, int xpEarned, Optional<Instant> firstPassedAt,
                               Optional<Instant> lastRunAt, int hintsRevealed) {

    /** Never run. */
    public static final ExerciseProgress NEW =
            new ExerciseProgress(Status.NOT_STARTED, 0, 0, Optional.empty(), Optional.empty(), 0);

    /** True once the exercise has passed at least once. */
    public boolean everPassed() {
        return firstPassedAt.isPresent();
    }

    /** Latest verdict of an exercise. */
    public enum Status { NOT_STARTED, PASS, FAIL }
}
