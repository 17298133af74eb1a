package dev.progy.internal.course;

import java.time.Duration;
import dev.progy.model.RunnerSpec;
import dev.progy.model.LimitOverrides;
import dev.progy.error.CourseInvalidException;
import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.model.Prerequisite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A module's info.toml")
class ModuleInfoTest {

    @TempDir
    Path root;

    private Course courseWith(String infoToml, List<String> exercises) throws IOException {
        Files.writeString(root.resolve("course.json"), "{\"name\": \"X\", \"runners\": [{\"id\": \"a\", \"command\": \"run\"}]}");
        Path module = Files.createDirectories(root.resolve("content/01_module"));
        Files.writeString(module.resolve("info.toml"), infoToml);
        for (String e : exercises) {
            Path dir = Files.createDirectories(module.resolve(e));
            Files.writeString(dir.resolve("README.md"), "# " + e);
            Files.writeString(dir.resolve("exercise.py"), "pass\n");
        }
        return CourseReader.read(root);
    }

    @Test
    @DisplayName("may use bare numeric keys, and keeps the order they are written in, however many there are")
    void bareNumericKeys() throws IOException {
        List<String> folders = new ArrayList<>();
        StringBuilder toml = new StringBuilder("[exercises]\n");
        for (int i = 12; i >= 1; i--) {
            String folder = String.format("%02d_step_%d", i, i);
            folders.add(folder);
            toml.append(folder).append(" = \"Step ").append(i).append("\"\n");
        }
        Course course = courseWith(toml.toString(), folders);
        assertThat(course.exercises()).extracting(Exercise::dirName).containsExactlyElementsOf(folders);
        assertThat(course.exercises().get(0).title()).isEqualTo("Step 12");
    }

    @Test
    @DisplayName("an exercise may set limits of its own, which replace the runner's; out-of-range ones are problems")
    void exerciseLimits() throws IOException {
        Course course = courseWith("""
                [exercises]
                01_a = { title = "A", timeout_seconds = 90, memory_mb = 1024 }
                02_b = "B"
                """, List.of("01_a", "02_b"));
        RunnerSpec.Limits runner = new RunnerSpec.Limits(Duration.ofSeconds(20), 512, 1.0, 128);
        assertThat(course.exercises().get(0).limits().applyTo(runner))
                .isEqualTo(new RunnerSpec.Limits(Duration.ofSeconds(90), 1024, 1.0, 128));
        assertThat(course.exercises().get(1).limits()).isEqualTo(LimitOverrides.NONE);

        assertThatThrownBy(() -> courseWith("""
                [exercises]
                01_a = { title = "A", timeout_seconds = 0, pids = 2.5, cpus = "two" }
                """, List.of("01_a")))
                .isInstanceOf(CourseInvalidException.class)
                .hasMessageContaining("`timeout_seconds` of exercise \"01_a\" must be a number of seconds from 1 to 3600")
                .hasMessageContaining("`pids` of exercise \"01_a\" must be a whole number of processes from 8 to 4096")
                .hasMessageContaining("`cpus` of exercise \"01_a\" must be a number of CPUs");
    }

    @Test
    @DisplayName("falls back to `message` for the module title")
    void messageFallback() throws IOException {
        Course course = courseWith("[module]\nmessage = \"Getting started\"\n", List.of("01_a"));
        assertThat(course.modules().get(0).title()).isEqualTo("Getting started");
    }

    @Test
    @DisplayName("when absent, titles come from folder names")
    void titlesFromFolders() {
        assertThat(FolderNames.title("01_hello_world")).isEqualTo("Hello world");
        assertThat(FolderNames.title("02_simple-query")).isEqualTo("Simple query");
        assertThat(FolderNames.title("notes")).isEqualTo("Notes");
    }

    @Test
    @DisplayName("writes prerequisites in three forms, a quiz one with an optional minimum score")
    void prerequisiteSyntax() {
        assertThat(PrerequisiteSyntax.parse("module:01_intro"))
                .isEqualTo(new Prerequisite(Prerequisite.Kind.MODULE, "01_intro", OptionalInt.empty()));
        assertThat(PrerequisiteSyntax.parse(" exercise:01_intro/02_vars "))
                .isEqualTo(new Prerequisite(Prerequisite.Kind.EXERCISE, "01_intro/02_vars", OptionalInt.empty()));
        assertThat(PrerequisiteSyntax.parse("quiz:01_intro/02_vars:75"))
                .isEqualTo(new Prerequisite(Prerequisite.Kind.QUIZ, "01_intro/02_vars", OptionalInt.of(75)));
        assertThat(PrerequisiteSyntax.parse("quiz:01_intro/02_vars:75").toString()).isEqualTo("quiz:01_intro/02_vars:75");
        assertThatThrownBy(() -> PrerequisiteSyntax.parse("exercise:02_vars"))
                .hasMessageContaining("\"exercise:02_vars\" is not understood");
        assertThatThrownBy(() -> PrerequisiteSyntax.parse("module:01_intro/02_vars"))
                .hasMessageContaining("is not understood");
    }
}
