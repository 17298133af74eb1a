package dev.progy.runner.podman;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.RunRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract kit's course, for tests outside the contract: a workspace with {@code runner/check.sh} and one
 * exercise ({@code content/01_basics/01_hello/exercise.sh}), run with {@code sh runner/check.sh {{exercise}}} in
 * the test image; its pristine copy (where a Dockerfile goes) is {@code <root>/course}.
 */
final class KitCourse {

    /** The course id, which built images are labelled with. */
    static final String ID = "kit";

    final Path workspace;
    final Path courseRoot;

    KitCourse(Path root) throws IOException {
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        this.courseRoot = root.resolve("course");
    }

    /** Writes the workspace with {@code script} as the course's check script. */
    KitCourse script(String script) throws IOException {
        Files.createDirectories(workspace.resolve("runner"));
        Files.writeString(workspace.resolve("runner/check.sh"), script);
        Path exerciseDir = Files.createDirectories(workspace.resolve("content/01_basics/01_hello"));
        Files.writeString(exerciseDir.resolve("exercise.sh"), "echo hello\n");
        Files.writeString(workspace.resolve("course.json"),
                "{\"id\": \"kit\", \"name\": \"Kit\", \"runners\": [{\"id\": \"check\", \"command\": \"sh\"}]}\n");
        return this;
    }

    /** The exercise's folder in the workspace. */
    Path exerciseDir() {
        return workspace.resolve("content/01_basics/01_hello");
    }

    /** The docker-file runner of the kit, in the test image unless the course has its own Dockerfile. */
    static RunnerSpec spec(RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh")
                .args(List.of("runner/check.sh", "{{exercise}}")).imageTag(PodmanEngine.IMAGE).limits(limits).build();
    }

    /** The kit's only exercise. */
    static Exercise exercise() {
        return new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "", List.of(),
                List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
    }

    Course course() {
        Exercise hello = exercise();
        return new Course(ID, "Kit", "1.0.0", "", courseRoot, courseRoot.resolve("content"),
                List.of(spec(RunnerSpec.Limits.DEFAULT)), Progression.DEFAULT, Setup.NONE,
                List.of(new CourseModule("01_basics", "Basics", "", "", List.of(), List.of(hello))));
    }

    /** A run of the check script with default limits but {@code timeout}. */
    RunRequest request(Duration timeout) {
        return request(spec(RunnerSpec.Limits.DEFAULT.withTimeout(timeout)));
    }

    /** A run of the check script with {@code spec}. */
    RunRequest request(RunnerSpec spec) {
        return new RunRequest(course(), exercise(), spec, workspace, spec.limits().timeout(), Map.of());
    }

    /** Writes the course's Dockerfile, made unique by {@code marker} so no image of an earlier test run is reused. */
    Path dockerfile(String steps, String marker) throws IOException {
        Files.createDirectories(courseRoot);
        Path file = courseRoot.resolve("Dockerfile");
        Files.writeString(file, "FROM " + PodmanEngine.IMAGE + "\n" + steps + "# test run " + marker + "\n");
        return file;
    }
}
