package dev.progy.testkit;

import dev.progy.model.CourseProgress;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressStats;
import dev.progy.model.QuizProgress;
import dev.progy.spi.ProgressStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ProgressStore} must do. An adapter's test extends this class and says how to open its
 * store; every test gets fresh, empty storage.
 */
public abstract class ProgressStoreContract {

    private static final String COURSE = "contract-course";
    private static final String EXERCISE = "01_basics/01_hello";

    private final List<ProgressStore> opened = new ArrayList<>();
    private ProgressStore store;

    /** A store over fresh, empty storage; called once per test. */
    protected abstract ProgressStore store();

    /** Another store instance over the same storage as the last {@link #store()}, as a restarted program would open. */
    protected abstract ProgressStore reopen();

    @BeforeEach
    void openStore() {
        store = track(store());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ProgressStore::close);
    }

    @Test
    @DisplayName("a course nobody has worked on has empty progress")
    void unknownCourseIsEmpty() {
        assertThat(store.load(COURSE)).isEqualTo(CourseProgress.empty(COURSE));
    }

    @Test
    @DisplayName("an update is still there when the store is opened again")
    void updateSurvivesReopen() {
        CourseProgress stored = store.update(COURSE, ProgressStoreContract::sampleProgress);

        assertThat(track(reopen()).load(COURSE))
                .isEqualTo(stored)
                .isEqualTo(sampleProgress(CourseProgress.empty(COURSE)));
    }

    @Test
    @DisplayName("update returns exactly what a later load sees")
    void updateReturnsWhatIsStored() {
        store.update(COURSE, ProgressStoreContract::sampleProgress);
        CourseProgress returned = store.update(COURSE, ProgressStoreContract::oneMoreAttempt);

        assertThat(store.load(COURSE)).isEqualTo(returned);
        assertThat(returned.exercise(EXERCISE).attempts()).isEqualTo(4);
    }

    @Test
    @DisplayName("progress of one course does not touch another course")
    void coursesAreIndependent() {
        store.update(COURSE, ProgressStoreContract::sampleProgress);
        store.update("@someone/other-course", ProgressStoreContract::oneMoreAttempt);

        assertThat(store.load(COURSE).exercise(EXERCISE).attempts()).isEqualTo(3);
        assertThat(store.load("@someone/other-course").exercise(EXERCISE).attempts()).isEqualTo(1);
        assertThat(store.load("other-course")).isEqualTo(CourseProgress.empty("other-course"));
    }

    @Test
    @DisplayName("updates from many threads at once all land")
    void concurrentUpdatesAllLand() throws Exception {
        int threads = 8;
        int updatesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < updatesEach; i++) {
                        store.update(COURSE, ProgressStoreContract::oneMoreAttempt);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.load(COURSE).exercise(EXERCISE).attempts()).isEqualTo(threads * updatesEach);
    }

    private ProgressStore track(ProgressStore s) {
        opened.add(s);
        return s;
    }

    /**
     * Every kind of field set, so a store that drops one is caught. Its totals follow from its items (XP 20 + 21,
     * one exercise passed, a streak of two days up to the last active day), as the ledger keeps them: a store
     * that derives totals from per-item records (the SQLite store) shows exactly this too.
     */
    private static CourseProgress sampleProgress(CourseProgress p) {
        Instant passed = Instant.parse("2025-03-01T10:15:30.123456789Z");
        Map<String, ExerciseProgress> exercises = new HashMap<>(p.exercises());
        exercises.put(EXERCISE, new ExerciseProgress(ExerciseProgress.Status.FAIL, 3, 20, Optional.of(passed),
                Optional.of(passed.plusSeconds(60)), 2));
        exercises.put("01_basics/02_vars", new ExerciseProgress(ExerciseProgress.Status.NOT_STARTED, 0, 0,
                Optional.empty(), Optional.empty(), 1));
        return new CourseProgress(p.courseId(),
                new ProgressStats(41, 2, 5, Optional.of(LocalDate.of(2025, 3, 1)), 1),
                exercises,
                Map.of(EXERCISE, new QuizProgress(true, 60, 80, 5, 2, 21, Optional.of(passed))),
                List.of("first-blood", "streak-3"));
    }

    private static CourseProgress oneMoreAttempt(CourseProgress p) {
        ExerciseProgress e = p.exercise(EXERCISE);
        Map<String, ExerciseProgress> exercises = new HashMap<>(p.exercises());
        exercises.put(EXERCISE, new ExerciseProgress(ExerciseProgress.Status.FAIL, e.attempts() + 1, e.xpEarned(),
                e.firstPassedAt(), e.lastRunAt(), e.hintsRevealed()));
        return new CourseProgress(p.courseId(), p.stats(), exercises, p.quizzes(), p.achievements());
    }
}
