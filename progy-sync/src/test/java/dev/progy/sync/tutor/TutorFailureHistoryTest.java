package dev.progy.sync.tutor;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TutorFailureHistoryTest {

    @TempDir
    Path state;

    private static FailureHistory.Attempt failing(int i, String... tests) {
        return new FailureHistory.Attempt(Instant.parse("2026-12-06T10:00:00Z").plusSeconds(i), false, List.of(tests),
                List.of(new FailureHistory.Finding("exercise.py", 3, "boom " + i)), "out " + i,
                Map.of("exercise.py", "x = " + i + "\n"));
    }

    private static FailureHistory.Attempt passing(int i) {
        return new FailureHistory.Attempt(Instant.parse("2026-12-06T10:00:00Z").plusSeconds(i), true, List.of(),
                List.of(), "", Map.of("exercise.py", "done\n"));
    }

    @Test
    @DisplayName("the history keeps the last 10 attempts of an exercise, with their files, and leaves no temp file")
    void boundedAndAtomic() throws IOException {
        FailureHistory h = FailureHistory.in(state);
        for (int i = 1; i <= 12; i++) {
            h.record("01_basics/01_hello", failing(i, "t"));
        }
        List<FailureHistory.Attempt> kept = FailureHistory.in(state).attempts("01_basics/01_hello");
        assertThat(kept).hasSize(FailureHistory.KEPT);
        assertThat(kept.get(0).files()).containsEntry("exercise.py", "x = 3\n");
        assertThat(kept.get(9).findings().get(0).message()).isEqualTo("boom 12");
        try (Stream<Path> files = Files.list(state.resolve("tutor/history"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("01_basics--01_hello.json");
        }
    }

    @Test
    @DisplayName("a streak counts the runs in a row a test failed up to the newest; a pass ends it")
    void streaks() {
        FailureHistory h = FailureHistory.in(state);
        h.record("e", failing(1, "a"));
        h.record("e", failing(2, "a", "b"));
        h.record("e", failing(3, "b"));
        assertThat(h.streak("e")).contains(new FailureHistory.Streak("b", 2));
        h.record("e", failing(4, "b"));
        assertThat(h.streak("e")).contains(new FailureHistory.Streak("b", 3));
        h.record("e", passing(5));
        assertThat(h.streak("e")).isEmpty();
    }

    @Test
    @DisplayName("a damaged history file is started afresh instead of failing the run")
    void damagedFile() throws IOException {
        Files.createDirectories(state.resolve("tutor/history"));
        Files.writeString(state.resolve("tutor/history/e.json"), "{not json");
        FailureHistory h = FailureHistory.in(state);
        assertThat(h.attempts("e")).isEmpty();
        h.record("e", failing(1, "a"));
        assertThat(h.attempts("e")).hasSize(1);
    }

    @Test
    @DisplayName("the diff between two attempts is a unified diff of the files that changed")
    void diffs() {
        String d = AttemptDiff.between(Map.of("a.py", "x = 1\ny = 2\n", "same.py", "s\n"),
                Map.of("a.py", "x = 1\ny = 3\n", "same.py", "s\n"), 8192);
        assertThat(d).contains("--- a/a.py", "+++ b/a.py", "-y = 2", "+y = 3").doesNotContain("same.py");
    }
}
