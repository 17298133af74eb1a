package dev.progy.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a student has done with one item of a course — an exercise, a quiz, or the course itself — in a form
 * that merges by construction: every field only grows, so {@link #merge} is commutative, associative and
 * idempotent, and copies of a record kept on several devices converge whatever order their syncs arrive in,
 * however often one arrives. Nothing here is ordered by a device's clock.
 *
 * <p>The student is not part of the key: a workspace holds one student's records, and a server keeps them
 * under the student's account.
 *
 * @param key           the course and item
 * @param status        {@code NOT_STARTED < ATTEMPTED < PASSED}; merges to the higher, so a pass is never lost
 * @param attempts      attempts per device id; merges by the higher count per device (a grow-only counter),
 *                      so the total is the sum of every device's own attempts, never counted twice
 * @param firstPassedAt the earliest pass seen on any device
 * @param bestScore     the highest score, 0–100
 * @param hintsRevealed the most static hints seen
 * @param xpEarned      XP of the item; the highest wins, so two devices that both passed earn it once
 * @param latest        the latest attempt, by {@link LatestAttempt#ORDER}; it only says what to show as the
 *                      latest verdict, never what was earned
 * @param activeDays    UTC days with activity (the course record; empty on items)
 * @param achievements  ids of achievements earned (the course record; empty on items)
 * @param longestStreakFloor a longest streak known without its days, as the original Progy kept it (the
 *                      course record); the longest streak shown is never below it
 */
public record ProgressRecord(Key key, Status status, Map<String, Long> attempts, Optional<Instant> firstPassedAt,
                             int bestScore, int hintsRevealed, int xpEarned, Optional<LatestAttempt> latest,
                             SortedSet<LocalDate> activeDays, SortedSet<String> achievements,
                             int longestStreakFloor) {

    public ProgressRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        attempts = Map.copyOf(attempts);
        Objects.requireNonNull(firstPassedAt, "firstPassedAt");
        Objects.requireNonNull(latest, "latest");
        activeDays = sorted(activeDays);
        achievements = sorted(achievements);
    }

    /**
     * An unmodifiable sorted copy; the shared empty set when empty, as on every item record (days and
     * achievements are the course record's): a server merges thousands of records a second, and copying two
     * empty sets per record was a good part of that work.
     */
    private static <T> SortedSet<T> sorted(SortedSet<T> set) {
        return set.isEmpty() ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    /** Nothing done yet with {@code key}: the neutral element of {@link #merge}. */
    public static ProgressRecord blank(Key key) {
        return new ProgressRecord(key, Status.NOT_STARTED, Map.of(), Optional.empty(), 0, 0, 0, Optional.empty(),
                new TreeSet<>(), new TreeSet<>(), 0);
    }

    /** Attempts on every device together. */
    public long totalAttempts() {
        long sum = 0;
        for (long n : attempts.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * What both records know: the higher status, the higher attempt count per device, the earlier first pass,
     * the higher score, hints and XP, the later latest attempt, the union of days and achievements.
     *
     * @throws IllegalArgumentException when the records are of different items
     */
    public ProgressRecord merge(ProgressRecord other) {
        if (!key.equals(other.key)) {
            throw new IllegalArgumentException("cannot merge the record of " + key + " with that of " + other.key);
        }
        Map<String, Long> counts = new HashMap<>(attempts);
        other.attempts.forEach((device, n) -> counts.merge(device, n, Math::max));
        return new ProgressRecord(key,
                status.compareTo(other.status) >= 0 ? status : other.status,
                counts,
                earlier(firstPassedAt, other.firstPassedAt),
                Math.max(bestScore, other.bestScore),
                Math.max(hintsRevealed, other.hintsRevealed),
                Math.max(xpEarned, other.xpEarned),
                later(latest, other.latest),
                union(activeDays, other.activeDays), union(achievements, other.achievements),
                Math.max(longestStreakFloor, other.longestStreakFloor));
    }

    /** Both sets' elements; one of them as it is when the other is empty (the constructor copies it anyway). */
    private static <T> SortedSet<T> union(SortedSet<T> a, SortedSet<T> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        TreeSet<T> both = new TreeSet<>(a);
        both.addAll(b);
        return both;
    }

    private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        return a.get().isAfter(b.get()) ? b : a;
    }

    private static Optional<LatestAttempt> later(Optional<LatestAttempt> a, Optional<LatestAttempt> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        return LatestAttempt.ORDER.compare(a.get(), b.get()) >= 0 ? a : b;
    }

    /** Progress of an item, in the order in which it can only grow. */
    public enum Status { NOT_STARTED, ATTEMPTED, PASSED }

    /** What a record is about. */
    public enum Kind {
        /** The course as a whole: days of activity, achievements. */
        COURSE,
        EXERCISE,
        QUIZ
    }

    /**
     * The identity of a record.
     *
     * @param courseId the course
     * @param kind     what the item is
     * @param itemId   the exercise id ({@code 01_basics/01_hello}), for a quiz the id of its exercise, and
     *                 {@code ""} for the course record
     */
    public record Key(String courseId, Kind kind, String itemId) {

        public Key {
            Objects.requireNonNull(courseId, "courseId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(itemId, "itemId");
            if (kind == Kind.COURSE != itemId.isEmpty()) {
                throw new IllegalArgumentException("the course record, and only it, has the item id \"\": "
                        + kind + " " + itemId);
            }
        }

        /** The key of the course record of {@code courseId}. */
        public static Key course(String courseId) {
            return new Key(courseId, Kind.COURSE, "");
        }

        @Override
        public String toString() {
            return courseId + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + (itemId.isEmpty() ? "" : " " + itemId);
        }
    }

    /**
     * The latest attempt at an item, as far as anyone knows. Ordered by {@code stamp}, a logical clock: one more
     * than the highest stamp the recording device had seen, so a device that saw another's attempt always
     * records a later one; two attempts made without seeing each other are ordered by device id, then by the
     * remaining fields, so the order is total and every device picks the same latest attempt. A device's wall
     * clock ({@code at}) is only shown, never compared first.
     *
     * @param stamp          the logical clock
     * @param deviceId       where it was made
     * @param at             when it was made, by that device's clock, if known
     * @param verdict        its verdict
     * @param score          its score, 0–100 (quizzes)
     * @param totalQuestions questions in the quiz then (quizzes)
     */
    public record LatestAttempt(long stamp, String deviceId, Optional<Instant> at, ExerciseProgress.Status verdict,
                                int score, int totalQuestions) {

        /** Later attempts compare greater. */
        public static final Comparator<LatestAttempt> ORDER = Comparator.comparingLong(LatestAttempt::stamp)
                .thenComparing(LatestAttempt::deviceId)
                .thenComparing(a -> a.at().isPresent())
                .thenComparing(a -> a.at().orElse(Instant.EPOCH))
                .thenComparing(LatestAttempt::verdict)
                .thenComparingInt(LatestAttempt::score)
                .thenComparingInt(LatestAttempt::totalQuestions);

        public LatestAttempt {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
