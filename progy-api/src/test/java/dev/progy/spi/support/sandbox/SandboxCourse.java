package dev.progy.spi.support.sandbox;

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

/** A workspace on disk and the requests the sandbox tests make of it. */
final class SandboxCourse {

    static final Exercise HELLO = exercise("01_basics", "01_hello");

    private SandboxCourse() { }

    /** Writes a workspace laid out like a course: course.json, runner/check.sh, the exercise, Progy's state. */
    static Path workspace(Path parent) throws IOException {
        Path ws = Files.createDirectories(parent.resolve("workspace"));
        Files.writeString(ws.resolve("course.json"), "{\"id\": \"kit\"}\n");
        Files.createDirectories(ws.resolve("runner"));
        Files.writeString(ws.resolve("runner/check.sh"), "echo checked\n");
        Path exercise = Files.createDirectories(ws.resolve("content/01_basics/01_hello"));
        Files.writeString(exercise.resolve("exercise.py"), "print('hello')\n");
        Files.createDirectories(ws.resolve(".progy"));
        Files.writeString(ws.resolve(".progy/workspace.json"), "{\"courseId\": \"kit\"}\n");
        return ws;
    }

    static Exercise exercise(String module, String dir) {
        return new Exercise(module + "/" + dir, module, dir, "Hello", Exercise.DEFAULT_XP, "", List.of(), List.of(),
                List.of(), "exercise.py", Optional.empty(), Optional.empty());
    }

    /** A docker-file runner entry of course.json. */
    static RunnerSpec spec(String command, List<String> args, Optional<String> cwd, boolean network,
                           RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command(command).args(args).cwd(cwd.orElse(null))
                .networkAccess(network).limits(limits).build();
    }

    static RunnerSpec defaultSpec() {
        return spec("sh", List.of("runner/check.sh", "{{exercise}}", "{{file}}"), Optional.empty(), false,
                RunnerSpec.Limits.DEFAULT);
    }

    /** A request to run {@code exercise} of the course whose exercises live in {@code exercisesDir} ({@code content}). */
    static RunRequest request(Path workspace, Exercise exercise, RunnerSpec spec, String exercisesDir,
                              Map<String, String> extraEnv) {
        Path courseRoot = workspace.resolve(".progy/course");
        CourseModule module = new CourseModule(exercise.moduleDir(), "Basics", "", "", List.of(), List.of(exercise));
        Course course = new Course("kit", "Kit", "1.0.0", "", courseRoot, courseRoot.resolve(exercisesDir),
                List.of(spec), Progression.DEFAULT, Setup.NONE, List.of(module));
        return new RunRequest(course, exercise, spec, workspace, spec.limits().timeout(), extraEnv);
    }

    static RunRequest request(Path workspace, RunnerSpec spec) {
        return request(workspace, HELLO, spec, "content", Map.of());
    }

    static RunRequest request(Path workspace) {
        return request(workspace, defaultSpec());
    }

    static RunRequest withTimeout(RunRequest r, Duration timeout) {
        return new RunRequest(r.course(), r.exercise(), r.runner(), r.workspace(), timeout, r.extraEnv());
    }
}
