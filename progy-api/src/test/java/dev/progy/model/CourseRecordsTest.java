package dev.progy.model;

import dev.progy.error.ProgyException;
import dev.progy.internal.progress.ProgressJson;
import dev.progy.internal.progress.ProgressLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.progy.model.CourseRecordsConvergenceTest.exercise;
import static dev.progy.model.CourseRecordsConvergenceTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Course records")
class CourseRecordsTest {

    private static final String COURSE = "python-intro";
    private static final List<String> EXERCISES = List.of("01_basics/01_hello", "01_basics/02_vars", "02_loops/01_for");

    /** An original Progy's progress.json of a student some way into a course, as the original wrote it. */
    private static final String ORIGINAL_BLOB = """
            {"stats":{"totalXp":86,"currentStreak":3,"longestStreak":6,"lastActiveDate":"2025-02-27T22:10:00.000Z",
                      "totalExercises":12},
             "exercises":{
               "01_basics/01_hello":{"status":"pass","xpEarned":20,"completedAt":"2025-02-20T10:00:00.000Z","attempts":3},
               "01_basics/02_vars":{"status":"pass","xpEarned":20,"completedAt":"2025-02-25T18:30:12.345Z","attempts":1},
               "02_loops/01_for":{"status":"fail","xpEarned":0,"attempts":4}},
             "quizzes":{
               "01_basics/01_hello":{"passed":true,"score":100,"totalQuestions":4,"xpEarned":25,
                                     "completedAt":"2025-02-21T09:00:00.000Z"},
               "01_basics/02_vars":{"passed":true,"score":80,"totalQuestions":5,"xpEarned":21,
                                    "completedAt":"2025-02-27T22:10:00.000Z"}},
             "achievements":["first-steps","quiz-master"],
             "tutorSuggestion":"Review loops"}
            """;

    @Test
    @DisplayName("on one device show exactly the progress the ledger computes, step by step")
    void oneDeviceMatchesTheLedger() {
        RandomTrials.run("records follow the ledger", 300, random -> {
            CourseProgress ledger = CourseProgress.empty(COURSE);
            CourseRecords records = CourseRecords.empty(COURSE);
            Instant at = Instant.parse("2025-03-01T09:00:00Z");
            for (int step = 0; step < 40; step++) {
                // mostly forwards, sometimes a clock set back
                at = at.plus(Duration.ofHours(random.nextInt(40) - 6));
                String e = EXERCISES.get(random.nextInt(EXERCISES.size()));
                CourseProgress p = records.progress();
                CourseProgress after;
                CourseProgress expected;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        boolean pass = random.nextBoolean();
                        after = ProgressLedger.recordRun(p, exercise(e), result(pass), at);
                        expected = ProgressLedger.recordRun(ledger, exercise(e), result(pass), at);
                    }
                    case 1 -> {
                        int score = random.nextInt(101);
                        after = ProgressLedger.recordQuiz(p, e, score, 5, at);
                        expected = ProgressLedger.recordQuiz(ledger, e, score, 5, at);
                    }
                    default -> {
                        int revealed = random.nextInt(4);
                        after = ProgressLedger.recordHint(p, e, revealed);
                        expected = ProgressLedger.recordHint(ledger, e, revealed);
                    }
                }
                records = records.recordChange(after, "laptop");
                ledger = expected;
                assertThat(records.progress()).as("after step %d", step).isEqualTo(ledger);
            }
        });
    }

    @Test
    @DisplayName("import an original progress.json: items as they were, totals derived, the current streak as days")
    void importsOriginalBlob() {
        CourseProgress original = ProgressJson.progress(ORIGINAL_BLOB.getBytes(StandardCharsets.UTF_8), COURSE);

        CourseRecords records = CourseRecords.imported(original);
        CourseProgress shown = records.progress();

        assertThat(records.records()).hasSize(3 + 2 + 1);
        assertThat(shown.exercises()).isEqualTo(original.exercises());
        assertThat(shown.quizzes()).isEqualTo(original.quizzes());
        assertThat(shown.stats().totalXp()).as("20 + 20 + 25 + 21").isEqualTo(86);
        assertThat(shown.stats().exercisesPassed()).isEqualTo(2);
        assertThat(shown.stats().currentStreak()).isEqualTo(3);
        assertThat(shown.stats().longestStreak()).isEqualTo(6);
        assertThat(shown.stats().lastActiveDate()).contains(LocalDate.of(2025, 2, 27));
        assertThat(shown.achievements()).containsExactly("first-steps", "quiz-master");
        ProgressRecord course = records.record(ProgressRecord.Key.course(COURSE)).orElseThrow();
        assertThat(course.activeDays()).containsExactly(LocalDate.of(2025, 2, 25), LocalDate.of(2025, 2, 26),
                LocalDate.of(2025, 2, 27));
        ProgressRecord hello = records.record(new ProgressRecord.Key(COURSE, ProgressRecord.Kind.EXERCISE,
                "01_basics/01_hello")).orElseThrow();
        assertThat(hello.attempts()).isEqualTo(Map.of(CourseRecords.IMPORT_DEVICE, 3L));
        assertThat(hello.status()).isEqualTo(ProgressRecord.Status.PASSED);
    }

    @Test
    @DisplayName("count nothing twice when two devices import the same progress.json and then sync")
    void twoImportsDoNotDoubleCount() {
        CourseProgress original = ProgressJson.progress(ORIGINAL_BLOB.getBytes(StandardCharsets.UTF_8), COURSE);
        CourseRecords laptop = CourseRecords.imported(original);
        CourseRecords desktop = CourseRecords.imported(original);
        Instant monday = Instant.parse("2025-02-28T08:00:00Z");
        laptop = laptop.recordChange(ProgressLedger.recordRun(laptop.progress(), exercise("02_loops/01_for"),
                result(true), monday), "laptop");

        CourseProgress merged = laptop.merge(desktop).progress();

        assertThat(merged).isEqualTo(desktop.merge(laptop).progress());
        assertThat(merged.exercise("02_loops/01_for").attempts()).isEqualTo(5);
        assertThat(merged.exercise("01_basics/01_hello").attempts()).isEqualTo(3);
        assertThat(merged.stats().totalXp()).isEqualTo(86 + 20);
        assertThat(merged.stats().currentStreak()).as("the 28th follows the imported streak").isEqualTo(4);
    }

    @Test
    @DisplayName("refuse a progress.json that is not progress, saying what is wrong")
    void damagedBlobIsRefused() {
        assertThatThrownBy(() -> ProgressJson.progress("{\"exercises\":[1]}".getBytes(StandardCharsets.UTF_8), COURSE))
                .isInstanceOf(ProgyException.class).hasMessageContaining("exercises should be an object");
    }

    @Test
    @DisplayName("keep what was earned when a change would take it back")
    void changesCannotTakeBack() {
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        CourseRecords records = CourseRecords.empty(COURSE);
        records = records.recordChange(ProgressLedger.recordRun(records.progress(), exercise("01_basics/01_hello"),
                result(true), at), "laptop");
        CourseProgress passed = records.progress();

        CourseRecords after = records.recordChange(CourseProgress.empty(COURSE), "laptop");

        assertThat(after.progress()).isEqualTo(passed);
        assertThat(after.changedSince(records)).isEmpty();
    }

    @Test
    @DisplayName("list as changed only the records a change touched")
    void changedSinceListsTouchedRecords() {
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        CourseRecords before = CourseRecords.empty(COURSE);
        before = before.recordChange(ProgressLedger.recordRun(before.progress(), exercise("01_basics/01_hello"),
                result(false), at), "laptop");

        CourseRecords after = before.recordChange(ProgressLedger.recordHint(before.progress(), "01_basics/02_vars", 1),
                "laptop");

        assertThat(after.changedSince(before)).extracting(r -> r.key().itemId()).containsExactly("01_basics/02_vars");
        assertThat(after.record(new ProgressRecord.Key(COURSE, ProgressRecord.Kind.EXERCISE, "01_basics/02_vars")))
                .map(ProgressRecord::hintsRevealed).contains(1);
        assertThat(after.progress().exercise("01_basics/01_hello").lastRunAt()).isEqualTo(Optional.of(at));
    }
}
