package dev.progy.testkit;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.RunRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example compose course of the compose runner contract ({@code compose-course} in progy-api's test resources:
 * an app, a web service built from the course, a seed service filling a named volume), copied to a pristine course
 * root and a workspace.
 */
public final class ComposeCourse {

    /** The example course's id; everything its runs make is labelled with it. */
    public static final String COURSE = "compose-kit";
    static final Exercise HELLO = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello",
            Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
    /** The course's files, read one by one so that they are found in the test-jar as well as in a folder. */
    private static final List<String> FILES = List.of("course.json", "docker-compose.yml", "runner/check.sh",
            "web/Dockerfile", "web/index.html", "web/static/hello.txt", "content/01_basics/info.toml",
            "content/01_basics/01_hello/README.md", "content/01_basics/01_hello/exercise.sh");

    public final Path course;
    public final Path workspace;

    private ComposeCourse(Path course, Path workspace) {
        this.course = course;
        this.workspace = workspace;
    }

    /** The example course copied into {@code root}: {@code root/course} (pristine) and {@code root/workspace}. */
    public static ComposeCourse in(Path root) throws IOException {
        ComposeCourse kit = existing(root);
        for (String file : FILES) {
            try (InputStream in = ComposeCourse.class.getResourceAsStream("/compose-course/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("compose-course/" + file + " is missing from the test resources");
                }
                byte[] bytes = in.readAllBytes();
                for (Path to : List.of(kit.course, kit.workspace)) {
                    Files.write(Files.createDirectories(to.resolve(file).getParent()).resolve(
                            Path.of(file).getFileName().toString()), bytes);
                }
            }
        }
        return kit;
    }

    /** The example already copied into {@code root} by {@link #in(Path)}. */
    public static ComposeCourse existing(Path root) {
        return new ComposeCourse(root.resolve("course"), root.resolve("workspace"));
    }

    /** Makes {@code text} the check script the test runs, in the workspace. */
    public void script(String text) throws IOException {
        Files.writeString(workspace.resolve("runner/check.sh"), text);
    }

    /** Replaces a file of the pristine course. */
    public void courseFile(String path, String text) throws IOException {
        Files.writeString(course.resolve(path), text);
    }

    /** The runner entry of the example's course.json, with {@code timeout}. */
    public static RunnerSpec spec(Duration timeout) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_COMPOSE).command("sh")
                .args(List.of("runner/check.sh", "{{exercise}}"))
                .limits(RunnerSpec.Limits.DEFAULT.withTimeout(timeout)).build();
    }

    /** A run of the example exercise with the check script, limited to {@code timeout}. */
    public RunRequest request(Duration timeout, Map<String, String> extraEnv) {
        RunnerSpec spec = spec(timeout);
        Course model = new Course(COURSE, "Compose kit", "1.0.0", "", course, course.resolve("content"), List.of(spec),
                Progression.DEFAULT, Setup.NONE, List.of(new CourseModule("01_basics", "Basics", "", "", List.of(),
                List.of(HELLO))));
        return new RunRequest(model, HELLO, spec, workspace, timeout, extraEnv);
    }

}
