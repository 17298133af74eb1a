package dev.progy.model;

import dev.progy.model.ProgressRecord.Key;
import dev.progy.model.ProgressRecord.LatestAttempt;
import dev.progy.model.ProgressRecord.Status;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How {@link CourseRecords#recordChange} turns one item's change of shown progress into its record: each
 * function builds what the device adds and merges it in, so a change can only make a record grow.
 */
final class Changes {

    private Changes() { }

    static ProgressRecord exercise(ProgressRecord old, ExerciseProgress before, ExerciseProgress after, String device) {
        long more = Math.max(0, (long) after.attempts() - before.attempts());
        Status status = after.everPassed() || after.status() == ExerciseProgress.Status.PASS ? Status.PASSED
                : after.status() == ExerciseProgress.Status.FAIL || after.attempts() > 0 ? Status.ATTEMPTED
                : Status.NOT_STARTED;
        boolean newLatest = more > 0 || after.status() != before.status()
                || !after.lastRunAt().equals(before.lastRunAt());
        Optional<LatestAttempt> latest = newLatest
                ? Optional.of(new LatestAttempt(nextStamp(old), device, after.lastRunAt(), after.status(), 0, 0))
                : Optional.empty();
        return old.merge(new ProgressRecord(old.key(), status, attempts(old, device, more), after.firstPassedAt(), 0,
                after.hintsRevealed(), after.xpEarned(), latest, new TreeSet<>(), new TreeSet<>(), 0));
    }

    /** {@code before} is null when the quiz had no record. */
    static ProgressRecord quiz(ProgressRecord old, QuizProgress before, QuizProgress after, String device) {
        long more = Math.max(0, (long) after.attempts() - (before == null ? 0 : before.attempts()));
        boolean newLatest = before == null || more > 0 || after.score() != before.score()
                || after.totalQuestions() != before.totalQuestions();
        ExerciseProgress.Status verdict = after.score() >= Quiz.PASS_PERCENT
                ? ExerciseProgress.Status.PASS : ExerciseProgress.Status.FAIL;
        Optional<LatestAttempt> latest = newLatest
                ? Optional.of(new LatestAttempt(nextStamp(old), device, Optional.empty(), verdict, after.score(),
                        after.totalQuestions()))
                : Optional.empty();
        return old.merge(new ProgressRecord(old.key(), after.passed() ? Status.PASSED : Status.ATTEMPTED,
                attempts(old, device, more), after.completedAt(), Math.max(after.bestScore(), after.score()), 0,
                after.xpEarned(), latest, new TreeSet<>(), new TreeSet<>(), 0));
    }

    /**
     * What the course record gains: the days of the current streak when the last active day or the streak
     * changed (a streak of k days up to day d means d and the k-1 days before it were active), a longest streak
     * that rose, achievements not earned before. Empty when nothing is gained.
     */
    static Optional<ProgressRecord> course(Key key, CourseProgress before, CourseProgress after) {
        ProgressStats a = after.stats();
        ProgressStats b = before.stats();
        TreeSet<LocalDate> days = new TreeSet<>();
        if (a.lastActiveDate().isPresent()
                && (!a.lastActiveDate().equals(b.lastActiveDate()) || a.currentStreak() != b.currentStreak())) {
            LocalDate last = a.lastActiveDate().get();
            int streak = Math.min(Math.max(1, a.currentStreak()), CourseRecords.MAX_STREAK_DAYS);
            for (int i = 0; i < streak; i++) {
                days.add(last.minusDays(i));
            }
        }
        int floor = a.longestStreak() > b.longestStreak() ? a.longestStreak() : 0;
        TreeSet<String> earned = new TreeSet<>(after.achievements());
        earned.removeAll(before.achievements());
        if (days.isEmpty() && floor == 0 && earned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProgressRecord(key, Status.NOT_STARTED, Map.of(), Optional.empty(), 0, 0, 0,
                Optional.empty(), days, earned, floor));
    }

    /** One more than the latest stamp this device has seen for the item. */
    private static long nextStamp(ProgressRecord old) {
        return old.latest().map(LatestAttempt::stamp).orElse(0L) + 1;
    }

    private static Map<String, Long> attempts(ProgressRecord old, String device, long more) {
        Map<String, Long> counts = new HashMap<>(old.attempts());
        if (more > 0) {
            counts.merge(device, more, Long::sum);
        }
        return counts;
    }
}
