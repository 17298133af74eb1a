package dev.progy.internal.course;

import dev.progy.model.Course;
import dev.progy.model.CourseProblem;
import dev.progy.model.RunnerType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.progy.internal.course.ProblemExpectation.assertExactly;
import static dev.progy.internal.course.ProblemExpectation.problem;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("course.json")
class CourseJsonTest {

    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private void oneExercise() throws IOException {
        write("content/01_basics/01_hello/README.md", "# Hello\n");
        write("content/01_basics/01_hello/exercise.py", "print(1)\n");
    }

    @Test
    @DisplayName("missing is reported, and the modules are still checked")
    void missing() throws IOException {
        write("content/01_basics/01_hello/exercise.py", "print(1)\n");
        assertExactly(CourseReader.validate(root),
                problem("course.json", "", "not found", "must hold a course.json"),
                ProblemExpectation.warning("content/01_basics/01_hello", "", "README.md is missing"));
    }

    @Test
    @DisplayName("in the original's older form, with one `runner` object, loads as a single runner named default")
    void singleRunner() throws IOException {
        oneExercise();
        write("course.json", """
                {"id": "@progy/sql-basics", "name": "SQL", "version": "2.1.0-beta.1",
                 "runner": {"type": "docker-compose", "service_to_run": "tester",
                            "command": "python3 /app/runner.py {{exercise}}", "args": [], "cwd": "."}}
                """);
        write("docker-compose.yml", "services:\n  tester:\n    image: progy/busybox:test\n");
        Course course = CourseReader.read(root);
        assertThat(course.id()).isEqualTo("@progy/sql-basics");
        assertThat(course.version()).isEqualTo("2.1.0-beta.1");
        assertThat(course.runners()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("default");
            assertThat(r.type()).isEqualTo(RunnerType.DOCKER_COMPOSE);
            assertThat(r.serviceToRun()).isEqualTo("tester");
        });
    }

    @Test
    @DisplayName("a compose file that would escape the sandbox makes the course invalid, every setting listed")
    void unsafeComposeFileInvalid() throws IOException {
        oneExercise();
        write("course.json", """
                {"id": "c", "name": "C",
                 "runners": [{"id": "compose", "type": "docker-compose", "service_to_run": "tester", "command": "sh"}]}
                """);
        write("docker-compose.yml", """
                services:
                  tester:
                    image: progy/busybox:test
                    privileged: true
                    network_mode: host
                    volumes: ["/etc:/host-etc"]
                """);
        List<CourseProblem> problems = CourseReader.validate(root);
        assertThat(problems).extracting(CourseProblem::file).containsOnly("docker-compose.yml");
        assertThat(problems).extracting(CourseProblem::location)
                .contains("services.tester.privileged", "services.tester.network_mode");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("without a name or any runner says which fields would do")
    void requiredAlternatives() throws IOException {
        oneExercise();
        write("course.json", "{\"id\": \"x\"}");
        assertExactly(CourseReader.validate(root),
                problem("course.json", "/name", "`name` or `title` is required"),
                problem("course.json", "/runners", "`runners` or `runner` is required"));
    }

    @Test
    @DisplayName("that is not an object is reported as such")
    void notAnObject() throws IOException {
        oneExercise();
        write("course.json", "[1, 2]");
        assertExactly(CourseReader.validate(root), problem("course.json", "", "the file must be an object (found a list)"));
    }

    @Test
    @DisplayName("may not claim a `repo`, need an id in every runners[] entry, and must name files that exist")
    void filesAndClaims() throws IOException {
        oneExercise();
        write("course.json", """
                {"name": "X", "repo": "https://example.com/x.git",
                 "runners": [{"command": "run"},
                             {"id": "box", "type": "docker-file", "command": "run"},
                             {"id": "abs", "command": "run", "cwd": "/etc"},
                             {"id": "up", "type": "docker-compose", "command": "run", "compose_file": "../compose.yml"}],
                 "setup": {"guide": "SETUP.md"}}
                """);
        assertExactly(CourseReader.validate(root),
                problem("course.json", "/repo", "`repo` is not allowed"),
                problem("course.json", "/runners/0/id", "`id` is required"),
                problem("course.json", "/runners/1/dockerfile", "Dockerfile not found",
                        "a docker-file runner builds its image from it"),
                problem("course.json", "/runners/2/cwd", "\"/etc\" is an absolute path"),
                problem("course.json", "/runners/3/compose_file", "\"../compose.yml\" leads outside the course folder"),
                problem("course.json", "/setup/guide", "\"SETUP.md\", which does not exist"));
    }

    @Test
    @DisplayName("may not point the exercises folder outside the course")
    void exercisesOutside() throws IOException {
        write("course.json", """
                {"name": "X", "runners": [{"id": "a", "command": "run"}], "content": {"exercises": "../elsewhere"}}
                """);
        assertExactly(CourseReader.validate(root),
                problem("course.json", "/content/exercises", "\"../elsewhere\" leads outside the course folder"));
    }

    @Test
    @DisplayName("with an exercises folder holding no module is reported")
    void noModules() throws IOException {
        write("course.json", "{\"name\": \"X\", \"runners\": [{\"id\": \"a\", \"command\": \"run\"}]}");
        Files.createDirectories(root.resolve("content"));
        assertExactly(CourseReader.validate(root), problem("content", "", "holds no modules"));
    }

    @Test
    @DisplayName("of a folder that does not exist is reported, not thrown as an I/O error")
    void noFolder() {
        assertExactly(CourseReader.validate(root.resolve("nope")), problem(".", "", "no course folder at"));
    }
}
