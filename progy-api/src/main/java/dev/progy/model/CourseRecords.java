package dev.progy.model;

import dev.progy.model.ProgressRecord.Key;
import dev.progy.model.ProgressRecord.Kind;
import dev.progy.model.ProgressRecord.LatestAttempt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every {@link ProgressRecord} of one course, and the {@link CourseProgress} they show. Two sets of records merge
 * record by record, so they converge like the records do; totals are never stored, only derived: XP is the sum
 * of each item's XP, exercises passed are counted, streaks are counted in the set of active days.
 *
 * <p>{@link #recordChange} turns a change of the shown progress — what {@code ProgressStore.update} hands a
 * store — into records: what grew is recorded as this device's doing. What a grow-only record cannot hold (a
 * count going down, an exercise removed, totals that do not follow from the items) is not recorded, so the
 * progress shown afterwards is the change as far as it is consistent.
 *
 * @param courseId the course
 * @param records  by key; every key is of this course
 */
public record CourseRecords(String courseId, Map<Key, ProgressRecord> records) {

    /**
     * The device id under which {@link #imported} records an original Progy's progress: every device that
     * imports the same {@code progress.json} makes the same records, so their attempts are not counted twice.
     */
    public static final String IMPORT_DEVICE = "progress.json";

    /** The most days a claimed current streak adds; a streak is a count of days, and a wild count is no history. */
    static final int MAX_STREAK_DAYS = 3660;

    public CourseRecords {
        Objects.requireNonNull(courseId, "courseId");
        records = Map.copyOf(records);
        records.forEach((key, r) -> {
            if (!key.equals(r.key()) || !key.courseId().equals(courseId)) {
                throw new IllegalArgumentException("the record of " + r.key() + " is filed under " + key
                        + " among the records of course " + courseId);
            }
        });
    }

    /** No records yet. */
    public static CourseRecords empty(String courseId) {
        return new CourseRecords(courseId, Map.of());
    }

    /** The records of a course; several records of one item are merged. */
    public static CourseRecords of(String courseId, Collection<ProgressRecord> records) {
        Map<Key, ProgressRecord> byKey = new HashMap<>();
        for (ProgressRecord r : records) {
            byKey.merge(r.key(), r, ProgressRecord::merge);
        }
        return new CourseRecords(courseId, byKey);
    }

    /**
     * The records an original Progy's progress (as read from its {@code progress.json}) stands for, attributed
     * to {@link #IMPORT_DEVICE}. Its totals are derived again rather than copied; its current streak becomes
     * that many active days up to its last active day, and its longest streak a floor.
     */
    public static CourseRecords imported(CourseProgress original) {
        return empty(original.courseId()).recordChange(original, IMPORT_DEVICE);
    }

    /** The record of {@code key}, if any. */
    public Optional<ProgressRecord> record(Key key) {
        return Optional.ofNullable(records.get(key));
    }

    /** These records merged with {@code other}'s, record by record. */
    public CourseRecords merge(CourseRecords other) {
        if (!courseId.equals(other.courseId)) {
            throw new IllegalArgumentException("cannot merge records of course " + courseId + " with those of "
                    + other.courseId);
        }
        Map<Key, ProgressRecord> merged = new HashMap<>(records);
        other.records.forEach((key, r) -> merged.merge(key, r, ProgressRecord::merge));
        return new CourseRecords(courseId, merged);
    }

    /** These records with {@code record} merged in. */
    public CourseRecords with(ProgressRecord record) {
        Map<Key, ProgressRecord> merged = new HashMap<>(records);
        merged.merge(record.key(), record, ProgressRecord::merge);
        return new CourseRecords(courseId, merged);
    }

    /** The records that differ from those of {@code older}: what a store writes, what a sync sends. */
    public List<ProgressRecord> changedSince(CourseRecords older) {
        List<ProgressRecord> changed = new ArrayList<>();
        records.forEach((key, r) -> {
            if (!r.equals(older.records.get(key))) {
                changed.add(r);
            }
        });
        return changed;
    }

    /** The progress these records show. */
    public CourseProgress progress() {
        Map<String, ExerciseProgress> exercises = new HashMap<>();
        Map<String, QuizProgress> quizzes = new HashMap<>();
        int xp = 0;
        int passed = 0;
        SortedSet<LocalDate> days = new TreeSet<>();
        SortedSet<String> achievements = new TreeSet<>();
        int longestFloor = 0;
        for (ProgressRecord r : records.values()) {
            switch (r.key().kind()) {
                case EXERCISE -> {
                    exercises.put(r.key().itemId(), exercise(r));
                    xp += r.xpEarned();
                    passed += r.status() == ProgressRecord.Status.PASSED ? 1 : 0;
                }
                case QUIZ -> {
                    quizzes.put(r.key().itemId(), quiz(r));
                    xp += r.xpEarned();
                }
                case COURSE -> {
                    days = r.activeDays();
                    achievements = r.achievements();
                    longestFloor = r.longestStreakFloor();
                }
            }
        }
        ProgressStats stats = new ProgressStats(xp, Streaks.current(days),
                Math.max(longestFloor, Streaks.longest(days)),
                days.isEmpty() ? Optional.empty() : Optional.of(days.last()), passed);
        return new CourseProgress(courseId, stats, exercises, quizzes, List.copyOf(achievements));
    }

    private static ExerciseProgress exercise(ProgressRecord r) {
        ExerciseProgress.Status status = r.latest().map(LatestAttempt::verdict).orElse(switch (r.status()) {
            case PASSED -> ExerciseProgress.Status.PASS;
            case ATTEMPTED -> ExerciseProgress.Status.FAIL;
            case NOT_STARTED -> ExerciseProgress.Status.NOT_STARTED;
        });
        return new ExerciseProgress(status, saturated(r.totalAttempts()), r.xpEarned(), r.firstPassedAt(),
                r.latest().flatMap(LatestAttempt::at), r.hintsRevealed());
    }

    private static QuizProgress quiz(ProgressRecord r) {
        return new QuizProgress(r.status() == ProgressRecord.Status.PASSED,
                r.latest().map(LatestAttempt::score).orElse(0), r.bestScore(),
                r.latest().map(LatestAttempt::totalQuestions).orElse(0),
                saturated(r.totalAttempts()), r.xpEarned(), r.firstPassedAt());
    }

    private static int saturated(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * These records with the change from {@link #progress()} to {@code after} recorded as the doing of device
     * {@code deviceId}: more attempts count on that device, a status, score, hint count or XP that rose rises,
     * a new latest verdict becomes the latest attempt, a new last active day (and the days of the current
     * streak ending on it) become active days, new achievements are earned.
     */
    public CourseRecords recordChange(CourseProgress after, String deviceId) {
        if (!after.courseId().equals(courseId)) {
            throw new IllegalArgumentException("a change of course " + after.courseId()
                    + " cannot be recorded among the records of course " + courseId);
        }
        Objects.requireNonNull(deviceId, "deviceId");
        CourseProgress before = progress();
        Map<Key, ProgressRecord> out = new HashMap<>(records);
        after.exercises().forEach((id, a) -> {
            if (!before.exercises().containsKey(id) || !a.equals(before.exercise(id))) {
                Key key = new Key(courseId, Kind.EXERCISE, id);
                out.put(key, Changes.exercise(out.getOrDefault(key, ProgressRecord.blank(key)), before.exercise(id), a,
                        deviceId));
            }
        });
        after.quizzes().forEach((id, a) -> {
            QuizProgress b = before.quizzes().get(id);
            if (!a.equals(b)) {
                Key key = new Key(courseId, Kind.QUIZ, id);
                out.put(key, Changes.quiz(out.getOrDefault(key, ProgressRecord.blank(key)), b, a, deviceId));
            }
        });
        Key courseKey = Key.course(courseId);
        Changes.course(courseKey, before, after)
                .ifPresent(delta -> out.merge(courseKey, delta, ProgressRecord::merge));
        return new CourseRecords(courseId, out);
    }
}
