package dev.progy.internal.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.ProgyException;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.RunResult;
import dev.progy.spi.ProgressStore;
import dev.progy.testkit.ProgressStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The file progress store")
class FileProgressStoreTest extends ProgressStoreContract {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected ProgressStore store() {
        return new FileProgressStore(dir.resolve(".progy"));
    }

    @Override
    protected ProgressStore reopen() {
        return new FileProgressStore(dir.resolve(".progy"));
    }

    @Test
    @DisplayName("writes one JSON file per course in the shape of the original progress.json")
    void writesOriginalShape() throws IOException {
        store().update("sql-basics", p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));

        JsonNode json = new ObjectMapper().readTree(dir.resolve(".progy/progress-sql-basics.json").toFile());
        assertThat(json.path("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.path("stats").path("totalXp").asInt()).isEqualTo(20);
        assertThat(json.path("stats").path("lastActiveDate").asText()).isEqualTo("2025-03-03");
        JsonNode hello = json.path("exercises").path("01_basics/01_hello");
        assertThat(hello.path("status").asText()).isEqualTo("pass");
        assertThat(hello.path("xpEarned").asInt()).isEqualTo(20);
        assertThat(hello.path("completedAt").asText()).isEqualTo("2025-03-03T09:00:00Z");
        assertThat(hello.path("attempts").asInt()).isEqualTo(1);
        assertThat(json.path("achievements").isArray()).isTrue();
    }

    @Test
    @DisplayName("reads a progress.json written by the original Progy, filling in what it lacks")
    void readsOriginalFile() throws IOException {
        Path progy = Files.createDirectories(dir.resolve(".progy"));
        Files.writeString(progy.resolve("progress.json"), """
                {"stats":{"totalXp":45,"currentStreak":2,"longestStreak":4,"lastActiveDate":"2025-02-27T22:10:00.000Z",
                          "totalExercises":12},
                 "exercises":{"01_basics/01_hello":{"status":"pass","xpEarned":20,
                                                    "completedAt":"2025-02-26T10:00:00.000Z","attempts":3},
                              "01_basics/02_vars":{"status":"fail","xpEarned":0,"attempts":1}},
                 "quizzes":{"01_basics/01_hello":{"passed":true,"score":100,"totalQuestions":4,"xpEarned":25,
                                                  "completedAt":"2025-02-27T22:10:00.000Z"}},
                 "achievements":["first-steps"],
                 "tutorSuggestion":"Review loops"}
                """);

        CourseProgress p = store().load("python-intro");

        assertThat(p.courseId()).isEqualTo("python-intro");
        assertThat(p.stats().totalXp()).isEqualTo(45);
        assertThat(p.stats().lastActiveDate()).contains(LocalDate.of(2025, 2, 27));
        assertThat(p.stats().exercisesPassed()).isEqualTo(1);
        assertThat(p.exercise("01_basics/01_hello").firstPassedAt()).contains(Instant.parse("2025-02-26T10:00:00Z"));
        assertThat(p.exercise("01_basics/01_hello").hintsRevealed()).isZero();
        assertThat(p.exercise("01_basics/02_vars").status()).isEqualTo(ExerciseProgress.Status.FAIL);
        assertThat(p.quizzes().get("01_basics/01_hello").bestScore()).isEqualTo(100);
        assertThat(p.achievements()).containsExactly("first-steps");
    }

    @Test
    @DisplayName("moves an original progress.json to the course's own file, keeping fields it does not know")
    void upgradesOriginalFile() throws IOException {
        Path progy = Files.createDirectories(dir.resolve(".progy"));
        Files.writeString(progy.resolve("progress.json"), """
                {"stats":{"totalXp":20,"totalExercises":12},
                 "exercises":{"01_basics/01_hello":{"status":"pass","xpEarned":20,"attempts":1}},
                 "tutorSuggestion":"Review loops"}
                """);

        CourseProgress after = store().update("python-intro",
                p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));

        assertThat(after.stats().totalXp()).as("a pass recorded without a date earns nothing twice").isEqualTo(20);
        JsonNode json = new ObjectMapper().readTree(progy.resolve("progress-python-intro.json").toFile());
        assertThat(json.path("tutorSuggestion").asText()).isEqualTo("Review loops");
        assertThat(json.path("stats").path("totalExercises").asInt()).isEqualTo(12);
        assertThat(reopen().load("python-intro")).isEqualTo(after);
    }

    @Test
    @DisplayName("refuses a damaged progress file with a message naming it, and never overwrites it")
    void damagedFileIsReportedNotReset() throws IOException {
        ProgressStore store = store();
        store.update("sql-basics", p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));
        Path file = dir.resolve(".progy/progress-sql-basics.json");
        String damaged = Files.readString(file).replace("\"totalXp\" : 20", "\"totalXp\" : \"lots\"");
        Files.writeString(file, damaged);

        assertThatThrownBy(() -> store.load("sql-basics"))
                .isInstanceOf(ProgyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("stats.totalXp")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("backup"));
        assertThatThrownBy(() -> store.update("sql-basics", p -> ProgressLedger.recordHint(p, "01_basics/01_hello", 1)))
                .isInstanceOf(ProgyException.class);
        assertThat(Files.readString(file)).isEqualTo(damaged);
    }

    @Test
    @DisplayName("refuses negative XP or attempts like any other damage, naming the file and the field")
    void negativeCountsAreDamage() throws IOException {
        ProgressStore store = store();
        store.update("sql-basics", p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));
        Path file = dir.resolve(".progy/progress-sql-basics.json");
        String good = Files.readString(file);
        for (String[] change : List.of(new String[] {"\"totalXp\" : 20", "\"totalXp\" : -500", "stats.totalXp"},
                new String[] {"\"attempts\" : 1", "\"attempts\" : -3", "attempts"},
                new String[] {"\"xpEarned\" : 20", "\"xpEarned\" : -20", "xpEarned"})) {
            assertThat(good).contains(change[0]);
            String damaged = good.replace(change[0], change[1]);
            Files.writeString(file, damaged);
            assertThatThrownBy(() -> store().load("sql-basics"))
                    .isInstanceOf(ProgyException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(change[2])
                    .hasMessageContaining("cannot be negative");
            assertThat(Files.readString(file)).isEqualTo(damaged);
        }
    }

    @Test
    @DisplayName("reports a half-written or empty file as damaged rather than as no progress")
    void truncatedFileIsDamaged() throws IOException {
        Path progy = Files.createDirectories(dir.resolve(".progy"));
        Files.writeString(progy.resolve("progress-sql-basics.json"), "{\"stats\":{\"totalXp\":2");
        Files.writeString(progy.resolve("progress-empty.json"), "");

        assertThatThrownBy(() -> store().load("sql-basics")).isInstanceOf(ProgyException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> store().load("empty")).isInstanceOf(ProgyException.class)
                .hasMessageContaining("progress-empty.json").hasMessageContaining("empty");
    }

    @Test
    @DisplayName("tells the student to upgrade when the file comes from a newer Progy")
    void newerFormatIsRefused() throws IOException {
        Path progy = Files.createDirectories(dir.resolve(".progy"));
        Files.writeString(progy.resolve("progress-sql-basics.json"), "{\"formatVersion\":99}");

        assertThatThrownBy(() -> store().load("sql-basics")).isInstanceOf(ProgyException.class)
                .hasMessageContaining("newer Progy");
    }

    @Test
    @DisplayName("ignores temp files left by a crashed write and clears them on the next update")
    void strayTempFilesAreIgnoredThenRemoved() throws IOException {
        ProgressStore store = store();
        CourseProgress saved = store.update("sql-basics",
                p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));
        Path stray = dir.resolve(".progy/.progress-sql-basics.json.12345.tmp");
        Files.writeString(stray, "{\"stats\":{\"tot");

        assertThat(store.load("sql-basics")).isEqualTo(saved);
        store.update("sql-basics", p -> ProgressLedger.recordHint(p, "01_basics/01_hello", 1));
        assertThat(stray).doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve(".progy"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("progress-sql-basics.json",
                    "progress-sql-basics.json.bak", "progress-sql-basics.json.lock");
        }
    }

    @Test
    @DisplayName("keeps the previous good version as .bak, and names it as the way back when the file is damaged")
    void lastGoodCopyIsKept() throws IOException {
        ProgressStore store = store();
        CourseProgress first = store.update("sql-basics", p -> ProgressLedger.recordRun(p, exercise(), passed(), MONDAY));
        store.update("sql-basics", p -> ProgressLedger.recordHint(p, "01_basics/01_hello", 1));
        Path file = dir.resolve(".progy/progress-sql-basics.json");
        Path bak = dir.resolve(".progy/progress-sql-basics.json.bak");
        Files.writeString(file, "{\"stats\": {\"totalXp\": 2");

        assertThatThrownBy(() -> store.load("sql-basics")).isInstanceOf(ProgyException.class)
                .hasMessageContaining(file + " is damaged: it is not valid JSON: it ends in the middle (line 1")
                .hasMessageNotContaining("end-of-input")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("cp " + bak + " " + file));
        Files.copy(bak, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(reopen().load("sql-basics")).isEqualTo(first);
    }

    @Test
    @DisplayName("names files safely and distinctly for scoped, upper-case and very long course ids")
    void safeFileNames() {
        assertThat(FileProgressStore.fileName("sql-basics")).isEqualTo("progress-sql-basics.json");
        assertThat(FileProgressStore.fileName("@scope/slug")).isEqualTo("progress-_40scope_2fslug.json");
        assertThat(FileProgressStore.fileName("Rust")).isNotEqualTo(FileProgressStore.fileName("rust"));
        assertThat(FileProgressStore.fileName("../../etc/passwd")).doesNotContain("/").doesNotContain("\\");
        String longId = "a".repeat(300);
        assertThat(FileProgressStore.fileName(longId)).hasSizeLessThan(130)
                .isNotEqualTo(FileProgressStore.fileName(longId + "b"));
    }

    @Test
    @DisplayName("keeps progress of a course whose id contains slashes inside the .progy folder")
    void scopedIdStaysInFolder() throws IOException {
        store().update("@scope/../../escape", p -> ProgressLedger.recordHint(p, "01_basics/01_hello", 1));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(".progy");
        }
        assertThat(reopen().load("@scope/../../escape").exercise("01_basics/01_hello").hintsRevealed()).isEqualTo(1);
    }

    static Exercise exercise() {
        return new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.py", Optional.empty(), Optional.empty());
    }

    static RunResult passed() {
        return new RunResult(RunResult.Status.PASS, RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false,
                OptionalInt.of(0), OptionalInt.empty(), Duration.ZERO, RunResult.Source.EXIT_CODE);
    }
}
