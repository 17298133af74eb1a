package dev.progy.model;

import dev.progy.internal.progress.ProgressLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Students working on several devices, each with its own copy of the records, syncing parts of them to each other
 * in any order, with messages delivered late, twice or never until a final exchange; device clocks skewed and
 * even going backwards.
 */
@DisplayName("Course records on several devices")
class CourseRecordsConvergenceTest {

    private static final String COURSE = "@progy/sql-basics";
    private static final List<String> EXERCISES = List.of("01_basics/01_hello", "01_basics/02_vars",
            "02_loops/01_for", "02_loops/02_while");
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    @DisplayName("converge to the same progress whatever order syncs arrive in, counting every run once")
    void converge() {
        RandomTrials.run("devices converge", 500, random -> {
            int devices = 2 + random.nextInt(3);
            List<CourseRecords> replicas = new ArrayList<>(Collections.nCopies(devices, CourseRecords.empty(COURSE)));
            List<Message> network = new ArrayList<>();
            Truth truth = new Truth();
            Duration[] skew = new Duration[devices];
            for (int d = 0; d < devices; d++) {
                skew[d] = Duration.ofHours(random.nextInt(49) - 24);
            }
            Instant now = T0;
            int steps = 20 + random.nextInt(60);
            for (int step = 0; step < steps; step++) {
                now = now.plus(Duration.ofHours(random.nextInt(30)));
                int d = random.nextInt(devices);
                Instant deviceClock = now.plus(skew[d]).minus(Duration.ofHours(random.nextInt(3)));
                String device = "device-" + d;
                CourseRecords r = replicas.get(d);
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        String e = EXERCISES.get(random.nextInt(EXERCISES.size()));
                        boolean pass = random.nextInt(3) == 0;
                        truth.run(e, pass);
                        replicas.set(d, r.recordChange(
                                ProgressLedger.recordRun(r.progress(), exercise(e), result(pass), deviceClock), device));
                    }
                    case 2 -> {
                        String e = EXERCISES.get(random.nextInt(2));
                        int score = random.nextInt(11) * 10;
                        truth.quiz(e, score);
                        replicas.set(d, r.recordChange(
                                ProgressLedger.recordQuiz(r.progress(), e, score, 5, deviceClock), device));
                    }
                    case 3 -> {
                        String e = EXERCISES.get(random.nextInt(EXERCISES.size()));
                        int revealed = r.progress().exercise(e).hintsRevealed() + 1;
                        truth.hint(e, revealed);
                        replicas.set(d, r.recordChange(ProgressLedger.recordHint(r.progress(), e, revealed), device));
                    }
                    case 4 -> network.add(new Message(random.nextInt(devices), someOf(r, random)));
                    default -> {
                        if (!network.isEmpty()) {
                            // delivered out of order; sometimes kept for a second delivery
                            Message m = random.nextBoolean() ? network.remove(random.nextInt(network.size()))
                                    : network.get(random.nextInt(network.size()));
                            replicas.set(m.to(), replicas.get(m.to()).merge(m.records()));
                        }
                    }
                }
            }
            // the final exchange: every device merges every other's records, in its own random order, some twice
            List<CourseRecords> before = List.copyOf(replicas);
            for (int d = 0; d < devices; d++) {
                List<CourseRecords> inbox = new ArrayList<>(before);
                inbox.add(before.get(random.nextInt(devices)));
                Collections.shuffle(inbox, random);
                CourseRecords r = replicas.get(d);
                for (CourseRecords other : inbox) {
                    r = r.merge(other);
                }
                replicas.set(d, r);
            }

            for (CourseRecords r : replicas) {
                assertThat(r).isEqualTo(replicas.get(0));
            }
            truth.check(replicas.get(0).progress());
        });
    }

    private static CourseRecords someOf(CourseRecords r, Random random) {
        List<ProgressRecord> part = new ArrayList<>();
        for (ProgressRecord record : r.records().values()) {
            if (random.nextInt(3) > 0) {
                part.add(record);
            }
        }
        return CourseRecords.of(r.courseId(), part);
    }

    private record Message(int to, CourseRecords records) { }

    /** What really happened, across all devices. */
    private static final class Truth {
        final Map<String, Integer> runs = new HashMap<>();
        final Set<String> passed = new HashSet<>();
        final Map<String, Integer> hints = new HashMap<>();
        final Map<String, Integer> quizAttempts = new HashMap<>();
        final Map<String, Integer> quizBest = new HashMap<>();

        void run(String e, boolean pass) {
            runs.merge(e, 1, Integer::sum);
            if (pass) {
                passed.add(e);
            }
        }

        void quiz(String e, int score) {
            quizAttempts.merge(e, 1, Integer::sum);
            quizBest.merge(e, score, Math::max);
        }

        void hint(String e, int revealed) {
            hints.merge(e, revealed, Math::max);
        }

        void check(CourseProgress p) {
            for (String e : EXERCISES) {
                ExerciseProgress x = p.exercise(e);
                assertThat(x.attempts()).as("attempts of %s", e).isEqualTo(runs.getOrDefault(e, 0));
                assertThat(x.everPassed()).as("%s passed", e).isEqualTo(passed.contains(e));
                assertThat(x.xpEarned()).as("XP of %s", e).isEqualTo(passed.contains(e) ? Exercise.DEFAULT_XP : 0);
                assertThat(x.hintsRevealed()).as("hints of %s", e).isEqualTo(hints.getOrDefault(e, 0));
                QuizProgress q = p.quizzes().get(e);
                if (quizAttempts.containsKey(e)) {
                    assertThat(q.attempts()).as("quiz attempts of %s", e).isEqualTo(quizAttempts.get(e));
                    assertThat(q.bestScore()).as("best quiz score of %s", e).isEqualTo(quizBest.get(e));
                    assertThat(q.passed()).isEqualTo(quizBest.get(e) >= Quiz.PASS_PERCENT);
                } else {
                    assertThat(q).isNull();
                }
            }
            int quizXp = p.quizzes().values().stream().mapToInt(QuizProgress::xpEarned).sum();
            assertThat(p.stats().exercisesPassed()).isEqualTo(passed.size());
            assertThat(p.stats().totalXp()).isEqualTo(passed.size() * Exercise.DEFAULT_XP + quizXp);
            assertThat(p.stats().currentStreak()).isBetween(runs.isEmpty() && quizAttempts.isEmpty() ? 0 : 1,
                    p.stats().longestStreak());
        }
    }

    static Exercise exercise(String id) {
        String[] parts = id.split("/");
        return new Exercise(id, parts[0], parts[1], id, Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(),
                "exercise.py", Optional.empty(), Optional.empty());
    }

    static RunResult result(boolean pass) {
        return new RunResult(pass ? RunResult.Status.PASS : RunResult.Status.FAIL, RunResult.Termination.NORMAL, "",
                List.of(), List.of(), "", false, OptionalInt.of(pass ? 0 : 1), OptionalInt.empty(), Duration.ZERO,
                RunResult.Source.EXIT_CODE);
    }
}
