package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.testkit.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example compose course of the tests ({@code src/test/resources/compose-course}: an app, a web service built
 * from the course, a seed service filling a named volume), copied to a pristine course root and a workspace, and
 * what the engine holds of it.
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

    /** Containers, networks and volumes on the engine labelled with the example course, e.g. {@code network progy-...}. */
    static List<String> leftovers() {
        Map<String, String> label = Map.of(SandboxPolicy.LABEL_COURSE, COURSE);
        String filter = SandboxPolicy.LABEL_COURSE + "=" + COURSE;
        List<String> found = new ArrayList<>();
        try (DockerClient docker = client()) {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()
                    .forEach(c -> found.add("container " + List.of(c.getNames())));
            docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()
                    .forEach(n -> found.add("network " + n.getName()));
            var volumes = docker.listVolumesCmd().withFilter("label", List.of(filter)).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(v -> found.add("volume " + v.getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Removes whatever a failed test left of the example course: its containers, then networks and volumes. */
    static void removeLeftovers() {
        String filter = SandboxPolicy.LABEL_COURSE + "=" + COURSE;
        try (DockerClient docker = client()) {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SandboxPolicy.LABEL_COURSE, COURSE))
                    .exec().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            var volumes = docker.listVolumesCmd().withFilter("label", List.of(filter)).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DockerClient client() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(DockerRunnerConfig.of(ProviderConfig.empty()).dockerHost()).build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

}
