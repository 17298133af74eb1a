package dev.progy.runner.docker;

import dev.progy.spi.support.image.BuildContext;
import com.github.dockerjava.api.DockerClient;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** progy doctor and progy gc on dockerd: what the engine reports, what crashed runs left, and removing it. */
class DockerEngineAdminTest {

    private static final DockerRunnerProvider PROVIDER = new DockerRunnerProvider();

    @TempDir
    Path root;

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    private static EngineAdmin admin(ProviderConfig config) {
        return PROVIDER.admin(config).orElseThrow();
    }

    @Test
    @DisplayName("the running engine reports its version, API version, OS, cgroup version and storage driver, and where it was found")
    void inspectsRunningEngine() {
        EngineReport report = admin(ProviderConfig.empty()).inspect();
        assertThat(report.engine()).isEqualTo("docker");
        assertThat(report.reachable()).isTrue();
        assertThat(report.ready()).as("problems: " + report.problems()).isTrue();
        assertThat(report.address()).isEqualTo(System.getenv("DOCKER_HOST"));
        assertThat(report.version()).isNotBlank();
        assertThat(report.apiVersion()).matches("1\\.\\d+");
        assertThat(DockerEngineAdmin.apiBelow(report.apiVersion(), DockerEngineAdmin.MIN_API_VERSION)).isFalse();
        assertThat(report.details()).containsKeys("operating system", "kernel", "cgroup version", "storage driver", "rootless");
        assertThat(report.looked()).contains("DOCKER_HOST = " + System.getenv("DOCKER_HOST") + ": a socket (used)");
    }

    @Test
    @DisplayName("a socket path with nothing there: not reachable, every place looked listed, and how to start an engine")
    void bogusSocket() {
        Path nowhere = root.resolve("nowhere/docker.sock");
        EngineReport report = admin(ProviderConfig.of(Map.of("docker.host", "unix://" + nowhere))).inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.ready()).isFalse();
        assertThat(report.version()).isEmpty();
        assertThat(report.looked()).hasSize(6).first().asString()
                .isEqualTo("docker.host = unix://" + nowhere + ": nothing there (used: set explicitly)");
        assertThat(String.join("\n", report.looked())).contains("DOCKER_HOST", "/var/run/docker.sock", "rootless Docker",
                "Docker Desktop", "Colima");
        assertThat(report.problems()).singleElement().asString().contains("no Docker Engine socket at " + nowhere);
        assertThat(report.fixes()).singleElement().asString().contains("systemctl start docker", "DOCKER_HOST");
    }

    @Test
    @DisplayName("a socket no engine listens on: not running, with how to start one")
    void socketWithoutEngine() throws IOException {
        Path stale = root.resolve("stale.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(stale));
        } // closed: the socket file stays, as a stopped engine leaves it
        EngineReport report = admin(ProviderConfig.of(Map.of("docker.host", "unix://" + stale))).inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("is not running");
        assertThat(report.fixes()).singleElement().asString().contains("start");
        assertThat(admin(ProviderConfig.of(Map.of("docker.host", "unix://" + stale))).leftovers(true)).isEmpty();
    }

    @Test
    @DisplayName("API versions are compared part by part: 1.9 and 1.40 are older than 1.41, 1.41 and 1.43 are not")
    void apiVersions() {
        assertThat(DockerEngineAdmin.apiBelow("1.40", "1.41")).isTrue();
        assertThat(DockerEngineAdmin.apiBelow("1.9", "1.41")).isTrue();
        assertThat(DockerEngineAdmin.apiBelow("1.41", "1.41")).isFalse();
        assertThat(DockerEngineAdmin.apiBelow("1.43", "1.41")).isFalse();
        assertThat(DockerEngineAdmin.apiBelow("2.0", "1.41")).isFalse();
    }

    @Test
    @DisplayName("a container of a JVM killed with kill -9 is a leftover and is removed; while its JVM lives it is not listed")
    void killedJvmLeavesContainer() throws Exception {
        Path workspace = writeWorkspace("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunInChildJvm.class.getName(), workspace.toString(), root.resolve("course").toString())
                .redirectErrorStream(true).start();
        Map<String, String> ofChild = Map.of(SandboxPolicy.LABEL_MANAGED, "true",
                SandboxPolicy.LABEL_PID, Long.toString(child.pid()));
        EngineAdmin admin = admin(ProviderConfig.empty());
        String container;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            container = DockerEngine.labelled(ofChild).get(0);
            assertThat(admin.leftovers(false)).as("a live run's container").noneMatch(l -> l.id().equals(container));
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(DockerEngine.labelled(ofChild)).as("the killed JVM's container stays").containsExactly(container);

        List<Leftover> mine = admin.leftovers(false).stream().filter(l -> l.id().equals(container)).toList();
        assertThat(mine).singleElement().satisfies(l -> {
            assertThat(l.engine()).isEqualTo("docker");
            assertThat(l.kind()).isEqualTo(Leftover.Kind.CONTAINER);
            assertThat(l.name()).startsWith("progy-");
            assertThat(l.why()).isEqualTo("its run's process " + child.pid() + " is gone");
        });
        assertThat(admin.remove(mine)).isEqualTo(mine);
        assertThat(DockerEngine.labelled(ofChild)).isEmpty();
        assertThat(admin.remove(mine)).as("already gone counts as removed").isEqualTo(mine);
    }

    @Test
    @DisplayName("a network and a volume of a gone JVM are leftovers; those of a live one or of another host are not")
    void networksAndVolumes() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        Map<String, String> gone = labels(RunOwner.thisHost(), ended.pid());
        Map<String, String> live = labels(RunOwner.thisHost(), ProcessHandle.current().pid());
        Map<String, String> elsewhere = labels("elsewhere-" + RunOwner.thisHost(), ended.pid());
        EngineAdmin admin = admin(ProviderConfig.empty());
        try (DockerClient docker = DockerEngine.client()) {
            String goneNet = docker.createNetworkCmd().withName("progy-test-gone-" + marker).withLabels(gone)
                    .withInternal(true).exec().getId();
            String liveNet = docker.createNetworkCmd().withName("progy-test-live-" + marker).withLabels(live)
                    .withInternal(true).exec().getId();
            String goneVolume = docker.createVolumeCmd().withName("progy-test-gone-" + marker).withLabels(gone).exec().getName();
            String otherVolume = docker.createVolumeCmd().withName("progy-test-elsewhere-" + marker).withLabels(elsewhere)
                    .exec().getName();
            try {
                List<Leftover> listed = admin.leftovers(false);
                List<String> ids = listed.stream().map(Leftover::id).toList();
                assertThat(ids).contains(goneNet, goneVolume).doesNotContain(liveNet, otherVolume);
                List<Leftover> mine = listed.stream().filter(l -> l.id().equals(goneNet) || l.id().equals(goneVolume)).toList();
                assertThat(mine).extracting(Leftover::kind)
                        .containsExactlyInAnyOrder(Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);
                assertThat(admin.remove(mine)).hasSize(2);
                assertThat(admin.leftovers(false)).extracting(Leftover::id).doesNotContain(goneNet, goneVolume);
            } finally {
                for (String net : List.of(goneNet, liveNet)) {
                    quietly(() -> docker.removeNetworkCmd(net).exec());
                }
                for (String volume : List.of(goneVolume, otherVolume)) {
                    quietly(() -> docker.removeVolumeCmd(volume).exec());
                }
            }
        }
    }

    @Test
    @DisplayName("with images: a course image replaced by a newer build of its course is a leftover, the newest is not")
    void replacedImages() throws IOException {
        String courseId = "gc-test-" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        try {
            String older = runWithDockerfile(courseId, "RUN echo one > /built.txt\n");
            String newer = runWithDockerfile(courseId, "RUN echo two > /built.txt\n");
            EngineAdmin admin = admin(ProviderConfig.empty());
            assertThat(admin.leftovers(false)).noneMatch(l -> l.kind() == Leftover.Kind.IMAGE);
            List<Leftover> images = admin.leftovers(true).stream()
                    .filter(l -> l.kind() == Leftover.Kind.IMAGE && l.name().startsWith("progy/" + courseId + ":")).toList();
            assertThat(images).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo(older);
                assertThat(l.why()).isEqualTo("course " + courseId + " has a newer image, " + newer);
            });
            assertThat(admin.remove(images)).isEqualTo(images);
            assertThat(DockerEngine.imageId(older)).isEmpty();
            assertThat(DockerEngine.imageId(newer)).isPresent();
        } finally {
            DockerEngine.removeBuiltImages(courseId);
        }
    }

    /** Runs {@code echo ok} of a course {@code courseId} whose Dockerfile has {@code steps}; returns its image tag. */
    private String runWithDockerfile(String courseId, String steps) throws IOException {
        Path workspace = writeWorkspace("echo ok\n");
        Path courseRoot = root.resolve("course");
        Files.writeString(courseRoot.resolve("Dockerfile"), "FROM " + DockerEngine.IMAGE + "\n" + steps);
        Exercise hello = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
        RunnerSpec spec = new RunnerSpec("check", "check", RunnerType.DOCKER_FILE, "sh",
                List.of("runner/check.sh", "{{exercise}}"), Optional.empty(), "Dockerfile", Optional.empty(), false,
                "docker-compose.yml", "app", RunnerSpec.Limits.DEFAULT);
        Course course = new Course(courseId, "GC test", "1.0.0", "", courseRoot, courseRoot.resolve("content"),
                List.of(spec), Progression.DEFAULT, Setup.NONE,
                List.of(new CourseModule("01_basics", "Basics", "", "", List.of(), List.of(hello))));
        try (Runner runner = PROVIDER.create(ProviderConfig.empty())) {
            RunResult result = runner.run(new RunRequest(course, hello, spec, workspace, Duration.ofSeconds(60), Map.of()));
            assertThat(result.status()).as(result.summary()).isEqualTo(RunResult.Status.PASS);
        }
        return CourseImage.tag(courseId, BuildContext.of(courseRoot).hash());
    }

    private Path writeWorkspace(String script) throws IOException {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Files.createDirectories(workspace.resolve("runner"));
        Files.writeString(workspace.resolve("runner/check.sh"), script);
        Files.writeString(Files.createDirectories(workspace.resolve("content/01_basics/01_hello")).resolve("exercise.sh"),
                "echo hello\n");
        Files.createDirectories(root.resolve("course"));
        return workspace;
    }

    private static Map<String, String> labels(String host, long pid) {
        return Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_HOST, host,
                SandboxPolicy.LABEL_PID, Long.toString(pid));
    }

    private static void quietly(Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException alreadyGone) {
            // removed by the test itself
        }
    }
}
