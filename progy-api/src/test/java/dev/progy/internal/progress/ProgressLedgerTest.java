package dev.progy.internal.progress;

import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.QuizProgress;
import dev.progy.model.RunResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The progress ledger")
class ProgressLedgerTest {

    private static final Instant DAY1 = Instant.parse("2025-03-03T09:00:00Z");
    private static final String HELLO = "01_basics/01_hello";

    private final CourseProgress start = CourseProgress.empty("python-intro");

    @Nested
    @DisplayName("on a run")
    class Runs {

        @Test
        @DisplayName("grants the exercise's XP the first time it passes, and never again")
        void xpOnlyOnce() {
            CourseProgress p = ProgressLedger.recordRun(start, exercise(30), run(RunResult.Status.FAIL), DAY1);
            p = ProgressLedger.recordRun(p, exercise(30), run(RunResult.Status.PASS), DAY1.plusSeconds(60));
            p = ProgressLedger.recordRun(p, exercise(30), run(RunResult.Status.PASS), DAY1.plusSeconds(120));

            assertThat(p.stats().totalXp()).isEqualTo(30);
            assertThat(p.stats().exercisesPassed()).isEqualTo(1);
            ExerciseProgress hello = p.exercise(HELLO);
            assertThat(hello.attempts()).isEqualTo(3);
            assertThat(hello.xpEarned()).isEqualTo(30);
            assertThat(hello.firstPassedAt()).contains(DAY1.plusSeconds(60));
            assertThat(hello.lastRunAt()).contains(DAY1.plusSeconds(120));
        }

        @Test
        @DisplayName("a failure after a pass shows as the latest status but keeps the pass, its date and its XP")
        void failureKeepsThePass() {
            CourseProgress p = ProgressLedger.recordRun(start, exercise(20), run(RunResult.Status.PASS), DAY1);
            p = ProgressLedger.recordRun(p, exercise(20), run(RunResult.Status.ERROR), DAY1.plusSeconds(60));

            ExerciseProgress hello = p.exercise(HELLO);
            assertThat(hello.status()).isEqualTo(ExerciseProgress.Status.FAIL);
            assertThat(hello.everPassed()).isTrue();
            assertThat(hello.firstPassedAt()).contains(DAY1);
            assertThat(p.stats().totalXp()).isEqualTo(20);
            assertThat(p.stats().exercisesPassed()).isEqualTo(1);
        }

        @Test
        @DisplayName("keeps the hints the student has already seen")
        void keepsHints() {
            CourseProgress p = ProgressLedger.recordHint(start, HELLO, 2);
            p = ProgressLedger.recordRun(p, exercise(20), run(RunResult.Status.FAIL), DAY1);

            assertThat(p.exercise(HELLO).hintsRevealed()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("on a quiz")
    class Quizzes {

        @Test
        @DisplayName("passes at 70, grants floor(score/5)+5 XP on the first pass only")
        void xpOnFirstPass() {
            CourseProgress p = ProgressLedger.recordQuiz(start, HELLO, 69, 10, DAY1);
            assertThat(p.quizzes().get(HELLO).passed()).isFalse();
            assertThat(p.stats().totalXp()).isZero();

            p = ProgressLedger.recordQuiz(p, HELLO, 72, 10, DAY1.plusSeconds(60));
            p = ProgressLedger.recordQuiz(p, HELLO, 100, 10, DAY1.plusSeconds(120));

            QuizProgress quiz = p.quizzes().get(HELLO);
            assertThat(quiz.passed()).isTrue();
            assertThat(quiz.xpEarned()).isEqualTo(72 / 5 + 5);
            assertThat(quiz.completedAt()).contains(DAY1.plusSeconds(60));
            assertThat(quiz.attempts()).isEqualTo(3);
            assertThat(p.stats().totalXp()).isEqualTo(19);
        }

        @Test
        @DisplayName("the best score only rises, and a worse attempt does not unpass the quiz")
        void bestScoreOnlyRises() {
            CourseProgress p = ProgressLedger.recordQuiz(start, HELLO, 90, 10, DAY1);
            p = ProgressLedger.recordQuiz(p, HELLO, 40, 10, DAY1.plusSeconds(60));

            QuizProgress quiz = p.quizzes().get(HELLO);
            assertThat(quiz.score()).isEqualTo(40);
            assertThat(quiz.bestScore()).isEqualTo(90);
            assertThat(quiz.passed()).isTrue();
            assertThat(p.stats().totalXp()).isEqualTo(23);
        }

        @Test
        @DisplayName("rejects a score outside 0–100")
        void rejectsBadScore() {
            assertThatThrownBy(() -> ProgressLedger.recordQuiz(start, HELLO, 101, 10, DAY1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("the count of hints seen never goes down")
    void hintsNeverDecrease() {
        CourseProgress p = ProgressLedger.recordHint(start, HELLO, 2);
        p = ProgressLedger.recordHint(p, HELLO, 1);

        assertThat(p.exercise(HELLO).hintsRevealed()).isEqualTo(2);
        assertThat(p.exercise(HELLO).status()).isEqualTo(ExerciseProgress.Status.NOT_STARTED);
    }

    @Nested
    @DisplayName("streaks")
    class Streaks {

        @Test
        @DisplayName("count consecutive UTC days, unchanged within a day, reset after a gap, longest kept")
        void acrossDays() {
            CourseProgress p = activeAt(start, "2025-03-03T09:00:00Z");
            assertThat(p.stats().currentStreak()).isEqualTo(1);

            p = activeAt(p, "2025-03-03T23:59:59Z");
            assertThat(p.stats().currentStreak()).isEqualTo(1);

            p = activeAt(p, "2025-03-04T00:00:00Z");
            p = activeAt(p, "2025-03-05T12:00:00Z");
            assertThat(p.stats().currentStreak()).isEqualTo(3);
            assertThat(p.stats().longestStreak()).isEqualTo(3);

            p = activeAt(p, "2025-03-07T08:00:00Z");
            assertThat(p.stats().currentStreak()).isEqualTo(1);
            assertThat(p.stats().longestStreak()).isEqualTo(3);
            assertThat(p.stats().lastActiveDate()).contains(LocalDate.of(2025, 3, 7));
        }

        @Test
        @DisplayName("use UTC days, not the local clock: 23:30 and 00:30 UTC are two days")
        void utcDays() {
            CourseProgress p = activeAt(start, "2025-03-03T23:30:00Z");
            p = activeAt(p, "2025-03-04T00:30:00Z");

            assertThat(p.stats().currentStreak()).isEqualTo(2);
        }

        @Test
        @DisplayName("are not rewound by activity dated before the last active day")
        void earlierActivityKeepsStreak() {
            CourseProgress p = activeAt(start, "2025-03-03T09:00:00Z");
            p = activeAt(p, "2025-03-04T09:00:00Z");
            p = activeAt(p, "2025-03-01T09:00:00Z");

            assertThat(p.stats().currentStreak()).isEqualTo(2);
            assertThat(p.stats().lastActiveDate()).contains(LocalDate.of(2025, 3, 4));
        }

        @Test
        @DisplayName("count quiz attempts as activity too")
        void quizIsActivity() {
            CourseProgress p = activeAt(start, "2025-03-03T09:00:00Z");
            p = ProgressLedger.recordQuiz(p, HELLO, 10, 4, Instant.parse("2025-03-04T09:00:00Z"));

            assertThat(p.stats().currentStreak()).isEqualTo(2);
        }

        private CourseProgress activeAt(CourseProgress p, String at) {
            return ProgressLedger.recordRun(p, exercise(20), run(RunResult.Status.FAIL), Instant.parse(at));
        }
    }

    private static Exercise exercise(int xp) {
        return new Exercise(HELLO, "01_basics", "01_hello", "Hello", xp, "", List.of(), List.of(), List.of(),
                "exercise.py", Optional.empty(), Optional.empty());
    }

    private static RunResult run(RunResult.Status status) {
        return new RunResult(status, RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false,
                OptionalInt.of(status == RunResult.Status.PASS ? 0 : 1), OptionalInt.empty(), Duration.ZERO,
                RunResult.Source.EXIT_CODE);
    }
}
