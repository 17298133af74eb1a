package dev.progy.internal.progress;

import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressStats;
import dev.progy.model.Quiz;
import dev.progy.model.QuizProgress;
import dev.progy.model.RunResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules by which runs, quizzes and hints change a student's progress. Pure functions over the immutable
 * model, with the time passed in, so a store can apply them inside {@code ProgressStore.update} and tests can
 * replay any history.
 *
 * <p>What is earned stays earned: XP is granted on the first pass only, a later failure changes the latest
 * status but never the pass date, the XP or the count of exercises passed.
 */
public final class ProgressLedger {

    private ProgressLedger() { }

    /**
     * Records one run of {@code exercise}: one more attempt, the latest verdict, the exercise's XP on its
     * first pass, and a day of activity for the streak.
     */
    public static CourseProgress recordRun(CourseProgress progress, Exercise exercise, RunResult result, Instant at) {
        ExerciseProgress before = progress.exercise(exercise.id());
        boolean firstPass = result.passed() && !before.everPassed();
        int xpGained = firstPass ? exercise.xp() : 0;
        ExerciseProgress after = new ExerciseProgress(
                result.passed() ? ExerciseProgress.Status.PASS : ExerciseProgress.Status.FAIL,
                before.attempts() + 1,
                before.xpEarned() + xpGained,
                firstPass ? Optional.of(at) : before.firstPassedAt(),
                Optional.of(at),
                before.hintsRevealed());
        ProgressStats stats = progress.stats();
        ProgressStats newStats = new ProgressStats(stats.totalXp() + xpGained, stats.currentStreak(),
                stats.longestStreak(), stats.lastActiveDate(), stats.exercisesPassed() + (firstPass ? 1 : 0));
        return new CourseProgress(progress.courseId(), activeOn(newStats, at),
                with(progress.exercises(), exercise.id(), after), progress.quizzes(), progress.achievements());
    }

    /**
     * Records one attempt at the quiz of exercise {@code exerciseId}. It passes at {@link Quiz#PASS_PERCENT};
     * the best score only rises; the first passing attempt earns {@code floor(score/5)+5} XP, later ones none.
     *
     * @param score 0–100
     */
    public static CourseProgress recordQuiz(CourseProgress progress, String exerciseId, int score,
                                            int totalQuestions, Instant at) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a quiz score is 0–100, got " + score);
        }
        QuizProgress before = progress.quizzes().get(exerciseId);
        boolean passedBefore = before != null && before.passed();
        boolean firstPass = score >= Quiz.PASS_PERCENT && !passedBefore;
        int xpGained = firstPass ? score / 5 + 5 : 0;
        QuizProgress after = new QuizProgress(
                passedBefore || firstPass,
                score,
                before == null ? score : Math.max(before.bestScore(), score),
                totalQuestions,
                before == null ? 1 : before.attempts() + 1,
                (before == null ? 0 : before.xpEarned()) + xpGained,
                firstPass ? Optional.of(at) : before == null ? Optional.empty() : before.completedAt());
        ProgressStats stats = progress.stats();
        ProgressStats newStats = new ProgressStats(stats.totalXp() + xpGained, stats.currentStreak(),
                stats.longestStreak(), stats.lastActiveDate(), stats.exercisesPassed());
        return new CourseProgress(progress.courseId(), activeOn(newStats, at), progress.exercises(),
                with(progress.quizzes(), exerciseId, after), progress.achievements());
    }

    /**
     * Records that the student has now seen {@code revealed} static hints of exercise {@code exerciseId}.
     * The count never goes down: a hint once seen stays seen.
     */
    public static CourseProgress recordHint(CourseProgress progress, String exerciseId, int revealed) {
        ExerciseProgress before = progress.exercise(exerciseId);
        if (revealed <= before.hintsRevealed()) {
            return progress;
        }
        ExerciseProgress after = new ExerciseProgress(before.status(), before.attempts(), before.xpEarned(),
                before.firstPassedAt(), before.lastRunAt(), revealed);
        return new CourseProgress(progress.courseId(), progress.stats(),
                with(progress.exercises(), exerciseId, after), progress.quizzes(), progress.achievements());
    }

    /**
     * The streak after activity at {@code at}: the same UTC day changes nothing, the next day extends it, a gap
     * starts a new one. Activity dated before the last active day (a clock set back, a replayed record) leaves
     * the streak alone rather than rewinding it.
     */
    static ProgressStats activeOn(ProgressStats stats, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate last = stats.lastActiveDate().orElse(null);
        int current;
        if (last == null) {
            current = 1;
        } else if (!today.isAfter(last)) {
            return stats;
        } else if (today.equals(last.plusDays(1))) {
            current = stats.currentStreak() + 1;
        } else {
            current = 1;
        }
        return new ProgressStats(stats.totalXp(), current, Math.max(stats.longestStreak(), current),
                Optional.of(today), stats.exercisesPassed());
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
