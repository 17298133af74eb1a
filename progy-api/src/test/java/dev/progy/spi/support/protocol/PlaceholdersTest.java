package dev.progy.spi.support.protocol;

import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.Exercise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholdersTest {

    static Exercise exercise(String module, String dir, String entry) {
        return new Exercise(module + "/" + dir, module, dir, "Hello", 20, "", List.of(), List.of(), List.of(),
                entry, Optional.empty(), Optional.empty());
    }

    private final Placeholders hello = Placeholders.forExercise(exercise("01_basics", "01_hello", "exercise.py"),
            "/work/space/content/01_basics/01_hello");

    @Test
    @DisplayName("every placeholder is filled, every occurrence, into its own argv element")
    void fillsEveryOccurrence() {
        List<String> argv = hello.fill("python3", List.of("runner/check.py", "{{exercise}}", "--id={{id}}:{{id}}",
                "{{module}}", "{{dir}}", "{{file}}"));
        assertThat(argv).containsExactly("python3", "runner/check.py", "01_basics/01_hello/exercise.py",
                "--id=01_basics/01_hello:01_basics/01_hello", "01_basics", "/work/space/content/01_basics/01_hello",
                "/work/space/content/01_basics/01_hello/exercise.py");
    }

    @Test
    @DisplayName("the command itself may hold placeholders")
    void commandFilled() {
        assertThat(hello.fill("{{dir}}/run", List.of())).containsExactly("/work/space/content/01_basics/01_hello/run");
    }

    @Test
    @DisplayName("an unknown placeholder is refused with its name and the known ones")
    void unknownRefused() {
        assertThatThrownBy(() -> hello.fill("sh", List.of("{{exercise}}", "{{exercize}}")))
                .isInstanceOf(ProgyException.class)
                .hasMessageContaining("{{exercize}}")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("{{exercise}}"));
    }

    @Test
    @DisplayName("values with '..' segments are refused as unsafe")
    void dotDotRefused() {
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("..", "x", "exercise.py"), "/w/content/../x"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("..");
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("01_a", "01_b", "exercise.py"), "/w/../etc"))
                .isInstanceOf(UnsafePathException.class);
    }

    @Test
    @DisplayName("values with NUL, line breaks or characters outside [A-Za-z0-9_.-] are refused")
    void badCharactersRefused() {
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("01_a", "01_b\n", "exercise.py"), "/w"))
                .isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("01_a", "01 b;rm", "exercise.py"), "/w"))
                .isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("01_a", "01_b", "exercise.py"), "/w\0x"))
                .isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> Placeholders.forExercise(exercise("01_a", "01_b", "exercise.py"), "relative/dir"))
                .isInstanceOf(UnsafePathException.class);
    }

    @Test
    @DisplayName("a value that looks like a placeholder is not filled again")
    void singlePass() {
        Placeholders p = Placeholders.forExercise(exercise("01_a", "01_b", "exercise.py"), "/w/{{id}}");
        assertThat(p.fill("{{dir}}", "args")).isEqualTo("/w/{{id}}");
    }

    @Test
    @DisplayName("Windows folders are accepted with their own separator")
    void windowsPaths() {
        Placeholders p = Placeholders.forExercise(exercise("01_a", "01_b", "exercise.py"), "C:\\ws\\content\\01_a\\01_b", '\\');
        assertThat(p.value("file")).isEqualTo("C:\\ws\\content\\01_a\\01_b\\exercise.py");
    }
}
