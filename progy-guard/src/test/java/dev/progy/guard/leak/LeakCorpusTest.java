package dev.progy.guard.leak;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak guard on its development corpus ({@code src/test/resources/leak-corpus}): lessons made by its
 * {@code make_corpus.py} from templates, and harder ones written by hand ({@code lessons-hand}: leaks that restructure
 * the solution or spell it out in prose, clean lessons that use the same idioms on other problems), leaky and clean,
 * for Java, Python, Rust, Go and SQL exercises. A third of the
 * exercises (every third in name order) is held out: the thresholds were tuned on the other two thirds and checked on
 * it last. Prints the figures of both.
 */
@DisplayName("Leak guard on its corpus")
class LeakCorpusTest {

    record Outcome(int leaky, int caught, int clean, int refused, List<String> misses) {
        double caughtShare() {
            return leaky == 0 ? 1 : (double) caught / leaky;
        }

        double refusedShare() {
            return clean == 0 ? 0 : (double) refused / clean;
        }
    }

    @Test
    @DisplayName("catches at least 95 % of leaky lessons and refuses at most 5 % of clean ones, tuned and held-out alike")
    void figures() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/leak-corpus/exercises").toURI()).getParent();
        List<String> exercises;
        try (Stream<Path> s = Files.list(root.resolve("exercises"))) {
            exercises = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Set<String> heldOut = new LinkedHashSet<>();
        for (int i = 0; i < exercises.size(); i++) {
            if (i % 3 == 2) {
                heldOut.add(exercises.get(i));
            }
        }
        Outcome tuned = run(root, exercises.stream().filter(e -> !heldOut.contains(e)).toList());
        Outcome held = run(root, List.copyOf(heldOut));

        print("tuning set", tuned);
        print("held-out set (" + String.join(", ", heldOut) + ")", held);

        assertThat(tuned.leaky()).isGreaterThanOrEqualTo(40);
        assertThat(tuned.clean()).isGreaterThanOrEqualTo(40);
        assertThat(tuned.caughtShare()).as("leaky caught, tuning set: %s", tuned.misses()).isGreaterThanOrEqualTo(0.95);
        assertThat(tuned.refusedShare()).as("clean refused, tuning set: %s", tuned.misses()).isLessThanOrEqualTo(0.05);
        assertThat(held.caughtShare()).as("leaky caught, held-out: %s", held.misses()).isGreaterThanOrEqualTo(0.95);
        assertThat(held.refusedShare()).as("clean refused, held-out: %s", held.misses()).isLessThanOrEqualTo(0.05);
    }

    private static void print(String name, Outcome o) {
        System.out.printf("leak guard, %s: leaky caught %d/%d (%.1f %%), clean refused %d/%d (%.1f %%)%n", name,
                o.caught(), o.leaky(), 100 * o.caughtShare(), o.refused(), o.clean(), 100 * o.refusedShare());
        o.misses().forEach(m -> System.out.println("  " + m));
    }

    private static Outcome run(Path root, List<String> exercises) throws IOException {
        int leaky = 0;
        int caught = 0;
        int clean = 0;
        int refused = 0;
        List<String> misses = new ArrayList<>();
        for (String exercise : exercises) {
            Path dir = root.resolve("exercises").resolve(exercise);
            LessonLeakGuard guard = LessonLeakGuard.forExercise(files(dir.resolve("solution")),
                    files(dir.resolve("starter")), names(dir.resolve("names.txt")));
            for (String kind : List.of("leaky", "clean")) {
                List<Path> lessons = new ArrayList<>();
                for (String folder : List.of("lessons", "lessons-hand")) {
                    try (Stream<Path> s = Files.list(root.resolve(folder).resolve(kind))) {
                        s.filter(p -> p.getFileName().toString().startsWith(exercise + "--")).sorted()
                                .forEach(lessons::add);
                    }
                }
                for (Path lesson : lessons) {
                    LeakVerdict v = guard.check(Files.readString(lesson, StandardCharsets.UTF_8));
                    if (kind.equals("leaky")) {
                        leaky++;
                        caught += v.leaks() ? 1 : 0;
                    } else {
                        clean++;
                        refused += v.leaks() ? 1 : 0;
                    }
                    if (v.leaks() != kind.equals("leaky")) {
                        misses.add(kind + " " + lesson.getFileName() + ": " + v.explanation() + " (containment "
                                + Math.round(100 * v.containment()) + " %, run " + v.longestRun() + ")");
                    }
                }
            }
        }
        return new Outcome(leaky, caught, clean, refused, misses);
    }

    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return new LinkedHashMap<>(out);
    }

    static Set<String> names(Path file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
