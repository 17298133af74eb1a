package dev.progy.model;

import dev.progy.model.ProgressRecord.Key;
import dev.progy.model.ProgressRecord.Kind;
import dev.progy.model.ProgressRecord.LatestAttempt;
import dev.progy.model.ProgressRecord.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Merging two progress records")
class ProgressRecordMergeTest {

    private static final Key KEY = new Key("sql-basics", Kind.EXERCISE, "01_basics/01_hello");
    private static final List<String> DEVICES = List.of("laptop", "desktop", "phone");
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    @DisplayName("gives the same record whichever comes first")
    void isCommutative() {
        RandomTrials.run("a ⊔ b = b ⊔ a", 2000, random -> {
            ProgressRecord a = randomRecord(random);
            ProgressRecord b = randomRecord(random);
            assertThat(a.merge(b)).isEqualTo(b.merge(a));
        });
    }

    @Test
    @DisplayName("gives the same record however merges are grouped")
    void isAssociative() {
        RandomTrials.run("(a ⊔ b) ⊔ c = a ⊔ (b ⊔ c)", 2000, random -> {
            ProgressRecord a = randomRecord(random);
            ProgressRecord b = randomRecord(random);
            ProgressRecord c = randomRecord(random);
            assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        });
    }

    @Test
    @DisplayName("changes nothing when a record arrives twice, or meets a blank record")
    void isIdempotentWithBlankAsNeutral() {
        RandomTrials.run("a ⊔ a = a and a ⊔ blank = a", 2000, random -> {
            ProgressRecord a = randomRecord(random);
            ProgressRecord b = randomRecord(random);
            assertThat(a.merge(a)).isEqualTo(a);
            assertThat(a.merge(b).merge(b)).isEqualTo(a.merge(b));
            assertThat(a.merge(ProgressRecord.blank(KEY))).isEqualTo(a);
        });
    }

    @Test
    @DisplayName("never loses what either side had: a pass, attempts per device, the best score, the first pass")
    void neverLosesProgress() {
        RandomTrials.run("a ⊔ b holds a and b", 2000, random -> {
            ProgressRecord a = randomRecord(random);
            ProgressRecord b = randomRecord(random);
            ProgressRecord m = a.merge(b);
            for (ProgressRecord side : List.of(a, b)) {
                assertThat(m.status()).isGreaterThanOrEqualTo(side.status());
                side.attempts().forEach((device, n) -> assertThat(m.attempts().get(device)).isGreaterThanOrEqualTo(n));
                assertThat(m.bestScore()).isGreaterThanOrEqualTo(side.bestScore());
                assertThat(m.xpEarned()).isGreaterThanOrEqualTo(side.xpEarned());
                assertThat(m.activeDays()).containsAll(side.activeDays());
                side.firstPassedAt().ifPresent(t -> assertThat(m.firstPassedAt().orElseThrow()).isBeforeOrEqualTo(t));
            }
            assertThat(m.totalAttempts()).isLessThanOrEqualTo(a.totalAttempts() + b.totalAttempts());
        });
    }

    @Test
    @DisplayName("counts attempts made on two devices once each, however often they are exchanged")
    void attemptsAddUpAcrossDevices() {
        ProgressRecord laptop = withAttempts(Map.of("laptop", 3L));
        ProgressRecord desktop = withAttempts(Map.of("desktop", 2L));

        ProgressRecord once = laptop.merge(desktop);
        ProgressRecord again = once.merge(laptop).merge(desktop).merge(once);

        assertThat(once.totalAttempts()).isEqualTo(5);
        assertThat(again.totalAttempts()).isEqualTo(5);
    }

    @Test
    @DisplayName("refuses to merge records of two different items")
    void refusesOtherItems() {
        ProgressRecord hello = ProgressRecord.blank(KEY);
        ProgressRecord quiz = ProgressRecord.blank(new Key("sql-basics", Kind.QUIZ, "01_basics/01_hello"));

        assertThatThrownBy(() -> hello.merge(quiz)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quiz");
    }

    private static ProgressRecord withAttempts(Map<String, Long> attempts) {
        ProgressRecord b = ProgressRecord.blank(KEY);
        return new ProgressRecord(KEY, Status.ATTEMPTED, attempts, Optional.empty(), 0, 0, 0, Optional.empty(),
                b.activeDays(), b.achievements(), 0);
    }

    /** Small value ranges, so that two random records often tie on some fields and differ on others. */
    static ProgressRecord randomRecord(Random random) {
        Map<String, Long> attempts = new HashMap<>();
        for (String d : DEVICES) {
            if (random.nextBoolean()) {
                attempts.put(d, (long) random.nextInt(5));
            }
        }
        Optional<LatestAttempt> latest = random.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(new LatestAttempt(random.nextInt(3), DEVICES.get(random.nextInt(DEVICES.size())),
                        maybeTime(random), ExerciseProgress.Status.values()[random.nextInt(3)], random.nextInt(3) * 50,
                        random.nextInt(2) + 4));
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 0; i < 8; i++) {
            if (random.nextInt(3) == 0) {
                days.add(LocalDate.of(2025, 3, 1).plusDays(i));
            }
        }
        TreeSet<String> achievements = new TreeSet<>();
        for (String a : List.of("first-steps", "streak-3", "perfect-quiz")) {
            if (random.nextInt(3) == 0) {
                achievements.add(a);
            }
        }
        return new ProgressRecord(KEY, Status.values()[random.nextInt(3)], attempts, maybeTime(random),
                random.nextInt(3) * 40, random.nextInt(3), random.nextInt(2) * 20, latest, days, achievements,
                random.nextInt(3));
    }

    private static Optional<Instant> maybeTime(Random random) {
        return random.nextInt(3) == 0 ? Optional.empty() : Optional.of(T0.plusSeconds(random.nextInt(3) * 3600L));
    }
}
