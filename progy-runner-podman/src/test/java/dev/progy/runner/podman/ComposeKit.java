package dev.progy.runner.podman;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.Leftover;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.testkit.Folders;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The example compose course of the tests ({@code src/test/resources/compose-course}: an app, a web service built
 * from the course, a seed service filling a named volume), copied to a pristine course root and a workspace, and
 * what the Podman service holds of it.
 */
final class ComposeKit {

    /** The example course's id; everything its runs make is labelled with it. */
    static final String COURSE = "compose-kit";
    static final Exercise HELLO = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello",
            Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());

    final Path course;
    final Path workspace;

    private ComposeKit(Path course, Path workspace) {
        this.course = course;
        this.workspace = workspace;
    }

    /** The example course copied into {@code root}: {@code root/course} (pristine) and {@code root/workspace}. */
    static ComposeKit in(Path root) throws IOException {
        Path source;
        try {
            source = Path.of(ComposeKit.class.getResource("/compose-course").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ComposeKit kit = new ComposeKit(root.resolve("course"), root.resolve("workspace"));
        Folders.copy(source, kit.course);
        Folders.copy(source, kit.workspace);
        return kit;
    }

    /** The example already copied into {@code root} by {@link #in(Path)}. */
    static ComposeKit existing(Path root) {
        return new ComposeKit(root.resolve("course"), root.resolve("workspace"));
    }

    /** Makes {@code text} the check script the test runs, in the workspace. */
    void script(String text) throws IOException {
        Files.writeString(workspace.resolve("runner/check.sh"), text);
    }

    /** Replaces a file of the pristine course. */
    void courseFile(String path, String text) throws IOException {
        Files.writeString(course.resolve(path), text);
    }

    /** The runner entry of the example's course.json, with {@code timeout}. */
    static RunnerSpec spec(Duration timeout) {
        return new RunnerSpec("check", "check", RunnerType.DOCKER_COMPOSE, "sh", List.of("runner/check.sh", "{{exercise}}"),
                Optional.empty(), "Dockerfile", Optional.empty(), false, "docker-compose.yml", "app",
                RunnerSpec.Limits.DEFAULT.withTimeout(timeout));
    }

    /** A run of the example exercise with the check script, limited to {@code timeout}. */
    RunRequest request(Duration timeout, Map<String, String> extraEnv) {
        RunnerSpec spec = spec(timeout);
        Course model = new Course(COURSE, "Compose kit", "1.0.0", "", course, course.resolve("content"), List.of(spec),
                Progression.DEFAULT, Setup.NONE, List.of(new CourseModule("01_basics", "Basics", "", "", List.of(),
                List.of(HELLO))));
        return new RunRequest(model, HELLO, spec, workspace, timeout, extraEnv);
    }

    /** Containers, pods, networks and volumes labelled with the example course, e.g. {@code pod progy-...-pod}. */
    static List<String> leftovers() {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return new LibpodAdmin(podman).labelled(SandboxPolicy.LABEL_COURSE, COURSE).stream()
                    .map(t -> t.kind().name().toLowerCase(Locale.ROOT) + " " + t.name()).toList();
        }
    }

    /** Removes whatever a failed test left of the example course: pods first (with their containers), then the rest. */
    static void removeLeftovers() {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            LibpodAdmin admin = new LibpodAdmin(podman);
            List<LibpodAdmin.Labelled> left = admin.labelled(SandboxPolicy.LABEL_COURSE, COURSE).stream()
                    .sorted(Comparator.comparing(t -> t.kind() == Leftover.Kind.POD ? 0 : 1)).toList();
            for (LibpodAdmin.Labelled t : left) {
                try {
                    admin.remove(t.kind(), t.id(), true);
                } catch (RuntimeException inUse) {
                    // the next test's check names it
                }
            }
        }
    }

    /** The tags of the images Podman holds of the example course, as Progy names them. */
    static List<String> builtImages() {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return new LibpodAdmin(podman).images(SandboxPolicy.LABEL_COURSE, COURSE).stream()
                    .flatMap(i -> i.tags().stream()).map(PodmanLeftovers::shortName).sorted().toList();
        }
    }

}
