package dev.progy.runner.docker;

import dev.progy.testkit.ContainerRunnerContract;
import dev.progy.spi.container.CourseImages;
import dev.progy.spi.container.BuildLog;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerRunnerTest extends ContainerRunnerContract {

    private static final DockerRunnerProvider PROVIDER = new DockerRunnerProvider();

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void noContainerLeft() {
        DockerEngine.removeBuiltImages(COURSE);
        // this JVM's only: other test runs may share the engine
        assertThat(DockerEngine.containersOfThisJvm()).as("containers labelled " + SandboxPolicy.LABEL_MANAGED).isEmpty();
    }

    /** The id of the kit's course, which the built images are labelled with. */
    private static final String COURSE = "kit";

    @Override
    protected Runner runner() {
        return PROVIDER.create(ProviderConfig.empty());
    }

    @Override
    protected RunnerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected List<String> containersOfJvm(long pid) {
        return DockerEngine.labelled(Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_PID, Long.toString(pid)));
    }

    @Override
    protected String image() {
        return DockerEngine.IMAGE;
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return s.toBuilder().imageTag(DockerEngine.IMAGE).build();
    }

    @Override
    protected RunnerSpec specWith(Toolchain toolchain, String script, RunnerSpec.Limits limits) {
        return dockerfileSpec(toolchain.dockerfile(), script, limits);
    }

    @Override
    protected boolean processesVisibleFromHost() {
        // true on a local dockerd (its processes are this host's), but not on Docker Desktop or a remote engine
        return false;
    }

    @Test
    @DisplayName("the provider is found by discovery as 'docker', priority 20, for docker-file and docker-compose runners")
    void discovered() {
        assertThat(PROVIDER.id()).isEqualTo("docker");
        assertThat(PROVIDER.priority()).isEqualTo(20);
        assertThat(PROVIDER.supports(RunnerType.DOCKER_FILE)).isTrue();
        assertThat(PROVIDER.supports(RunnerType.PROCESS)).isFalse();
        assertThat(PROVIDER.availability(ProviderConfig.empty()).usable()).isTrue();
        assertThat(ProviderDiscovery.using(ProviderConfig.empty()).all(RunnerProvider.class))
                .anyMatch(p -> p instanceof DockerRunnerProvider);
    }

    @Test
    @DisplayName("no socket at docker.host: unavailable, saying where it looked and how to start the engine")
    void missingSocketUnavailable() throws IOException {
        String nowhere = "unix://" + root.resolve("no-such.sock");
        Availability a = PROVIDER.availability(ProviderConfig.of(Map.of("docker.host", nowhere)));
        assertThat(a.usable()).isFalse();
        assertThat(a.reason()).contains(root.resolve("no-such.sock").toString()).doesNotContain("looked");
        assertThat(a.looked()).contains("docker.host = " + nowhere + ": nothing there (used: set explicitly)")
                .anyMatch(l -> l.startsWith("/var/run/docker.sock (the system's Docker Engine)"))
                .anyMatch(l -> l.contains("(Docker Desktop)")).anyMatch(l -> l.contains("(Colima)"));
        assertThat(a.fixHint()).contains("systemctl start docker", "DOCKER_HOST");
        Files.writeString(root.resolve("plain.sock"), "");
        assertThat(PROVIDER.availability(ProviderConfig.of(Map.of("docker.host", "unix://" + root.resolve("plain.sock"))))
                .reason()).contains("not a socket");
    }

    @Test
    @DisplayName("a run against an engine that is not there fails with a typed error, not a docker-java exception")
    void engineGoneTyped() throws IOException {
        writeWorkspace("echo hi\n");
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner r = PROVIDER.create(ProviderConfig.of(Map.of("docker.host", "unix://" + root.resolve("gone.sock"))))) {
            RunRequest request = new RunRequest(course(hello), hello, specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT),
                    workspace, QUICK, Map.of());
            assertThatThrownBy(() -> r.run(request)).isInstanceOf(RunnerUnavailableException.class)
                    .hasMessageContaining("not running")
                    .satisfies(e -> assertThat(((RunnerUnavailableException) e).tried()).singleElement()
                            .satisfies(t -> assertThat(t.looked()).anyMatch(l -> l.startsWith("docker.host"))))
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("start", "DOCKER_HOST");
        }
    }

    @Test
    @DisplayName("an image that is not on the engine is an error saying how to build it")
    void missingImage() throws IOException {
        writeWorkspace("echo hi\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec s = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        RunnerSpec missing = s.toBuilder().imageTag("progy/no-such-image:never").build();
        try (Runner r = runner()) {
            assertThatThrownBy(() -> r.run(new RunRequest(course(hello), hello, missing, workspace, QUICK, Map.of())))
                    .isInstanceOf(ProgyException.class).hasMessageContaining("progy/no-such-image:never")
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("docker build");
        }
    }

    @Test
    @DisplayName("invalid settings are refused, every problem listed")
    void invalidSettings() {
        assertThatThrownBy(() -> PROVIDER.create(ProviderConfig.of(Map.of("docker.host", "http://x",
                "docker.tls.verify", "1"))))
                .isInstanceOf(ProgyException.class).hasMessageContaining("docker.host is 'http://x'")
                .hasMessageContaining("TLS client certificates").hasMessageContaining("ssh -NL");
    }

    @Test
    @DisplayName("course code runs under the sandbox: not root, no capabilities, read-only root and workspace, no network, limits set")
    void sandboxHolds() throws IOException {
        RunResult r = run("""
                echo "uid=$(id -u)"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                touch /etc/planted 2>/dev/null && echo "root written" || echo "root read-only"
                touch runner/planted 2>/dev/null && echo "workspace written" || echo "workspace read-only"
                echo "net=$(ls /sys/class/net | tr '\\n' ' ')"
                echo "pids=$(cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null)"
                echo "memory=$(cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)"
                echo "tmp=$(touch /tmp/ok && echo writable)"
                """, QUICK);
        int owner = (Integer) Files.getAttribute(workspace, "unix:uid");
        assertThat(r.output().lines()).contains("uid=" + (owner == 0 ? SandboxPolicy.NOBODY : owner), "CapEff:\t0000000000000000",
                "NoNewPrivs:\t1", "root read-only", "workspace read-only", "net=lo ",
                "pids=" + RunnerSpec.Limits.DEFAULT.pids(), "memory=" + ((long) RunnerSpec.Limits.DEFAULT.memoryMb() << 20),
                "tmp=writable");
        assertThat(workspace.resolve("runner/planted")).doesNotExist();
    }

    @Test
    @DisplayName("a listener that throws stops the run at once, its exception reaches the caller, and the container is removed")
    void listenerFailureStopsRun() {
        Recording throwing = new Recording() {
            @Override
            public void output(String chunk) {
                throw new IllegalStateException("screen gone");
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> run("echo hi\nsleep 600\n", QUICK, Map.of(), throwing))
                .isInstanceOf(IllegalStateException.class).hasMessage("screen gone");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SLACK);
        assertThat(DockerEngine.containersOfThisJvm()).isEmpty();
    }

    @Test
    @DisplayName("a program that takes more memory than allowed is stopped and reported as out of memory")
    void memoryHogOutOfMemory() throws IOException {
        // busybox tail keeps a line without an end in memory: 300 MB of zeros against a 64 MiB limit
        writeWorkspace("echo hogging\nhead -c 300000000 /dev/zero | tail > /dev/null\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec.Limits limits = new RunnerSpec.Limits(QUICK, 64, 1.0, 128);
        try (Runner r = runner()) {
            RunResult result = r.run(new RunRequest(course(hello), hello, specFor("runner/check.sh", limits), workspace,
                    QUICK, Map.of()));
            assertThat(result.termination()).isEqualTo(RunResult.Termination.OUT_OF_MEMORY);
            assertThat(result.status()).isEqualTo(RunResult.Status.ERROR);
            assertThat(result.summary()).isEqualTo("ran out of memory (64 MiB)");
            assertThat(result.output()).contains("hogging");
        }
    }

    // ---- the course's image, built from its Dockerfile ----

    /** Writes the course's Dockerfile, made unique so no image of an earlier test run is reused. */
    private Path writeDockerfile(String steps) throws IOException {
        Path course = Files.createDirectories(root.resolve("course"));
        Files.writeString(course.resolve("Dockerfile"), "FROM " + DockerEngine.IMAGE + "\n" + steps
                + "# test run " + marker() + "\n");
        return course;
    }

    private String builtTag(Path course) {
        return CourseImages.tag(COURSE, BuildContext.of(course).hash());
    }

    private static boolean heardBuild(Recording heard) {
        return heard.text().lines().anyMatch(l -> l.startsWith(BuildLog.PREFIX));
    }

    @Test
    @DisplayName("a course with a Dockerfile runs in its image, built once with the log heard, then reused as it is")
    void buildsOnceThenReuses() throws IOException {
        Path course = writeDockerfile("RUN echo built > /built.txt\n");
        Recording first = new Recording();
        long t0 = System.nanoTime();
        RunResult built = run("cat /built.txt\nexit 0\n", QUICK, Map.of(), first);
        long buildMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(built.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(built.output()).contains("built");
        assertThat(heardBuild(first)).as("build log heard: " + first.text()).isTrue();
        String tag = builtTag(course);
        assertThat(tag).matches("progy/kit:[0-9a-f]{12}");
        String imageId = DockerEngine.imageId(tag).orElseThrow();

        Recording second = new Recording();
        t0 = System.nanoTime();
        RunResult reused = run("cat /built.txt\nexit 0\n", QUICK, Map.of(), second);
        long cachedMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        System.out.println("[timing] first run with build " + buildMs + " ms, run on the built image " + cachedMs + " ms");
        assertThat(reused.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(reused.output()).contains("built");
        assertThat(heardBuild(second)).as("no build on the second run: " + second.text()).isFalse();
        assertThat(DockerEngine.imageId(tag)).hasValue(imageId);
    }

    @Test
    @DisplayName("the image's name is made from the course id in the progy/ namespace, whatever characters the id holds")
    void courseIdMadeSafe() {
        assertThat(CourseImages.tag("Intro to Rust/../v2", "0123456789abcdef")).isEqualTo("progy/intro-to-rust-v2:0123456789ab");
        assertThat(CourseImages.tag("__", "0123456789abcdef")).isEqualTo("progy/course:0123456789ab");
    }

    @Test
    @DisplayName("a changed Dockerfile is a new image under a new tag")
    void changedDockerfileRebuilds() throws IOException {
        Path course = writeDockerfile("RUN echo one > /built.txt\n");
        assertThat(run("cat /built.txt\n", QUICK).output()).contains("one");
        String before = builtTag(course);
        Files.writeString(course.resolve("Dockerfile"), Files.readString(course.resolve("Dockerfile"))
                .replace("echo one", "echo two"));
        Recording heard = new Recording();
        assertThat(run("cat /built.txt\n", QUICK, Map.of(), heard).output()).contains("two");
        assertThat(builtTag(course)).isNotEqualTo(before);
        assertThat(heardBuild(heard)).isTrue();
        assertThat(DockerEngine.imageId(builtTag(course))).isPresent();
    }

    @Test
    @DisplayName("a failing build step is an error with the end of the build log, pointing at the Dockerfile")
    void failedBuildReported() throws IOException {
        Path course = writeDockerfile("RUN echo about to fail && exit 3\n");
        assertThatThrownBy(() -> run("echo never\n", QUICK))
                .isInstanceOf(ProgyException.class)
                .hasMessageContaining("building the course's image failed")
                .hasMessageContaining("about to fail")
                .hasMessageContaining("exit 3")
                .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("Dockerfile");
        assertThat(DockerEngine.imageId(builtTag(course))).isEmpty();
        assertThat(DockerEngine.containersOfThisJvm()).isEmpty();
    }

    @Test
    @DisplayName("a build that takes longer than docker.build.timeout is stopped and reported, naming the setting")
    void slowBuildStopped() throws IOException {
        Path course = writeDockerfile("RUN sleep 60\n");
        writeWorkspace("echo never\n");
        Exercise hello = exercise("01_basics", "01_hello");
        long t0 = System.nanoTime();
        try (Runner r = PROVIDER.create(ProviderConfig.of(Map.of("docker.build.timeout", "2")))) {
            RunRequest request = new RunRequest(course(hello), hello, specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT),
                    workspace, QUICK, Map.of());
            assertThatThrownBy(() -> r.run(request)).isInstanceOf(ProgyException.class)
                    .hasMessageContaining("took longer than 2 s")
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("docker.build.timeout");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SLACK);
        assertThat(DockerEngine.imageId(builtTag(course))).isEmpty();
    }

    @Test
    @DisplayName("a dockerfile path leading out of the course folder is refused before anything is built")
    void dockerfileOutsideRefused() throws IOException {
        writeDockerfile("");
        writeWorkspace("echo never\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec s = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        RunnerSpec outside = s.toBuilder().dockerfile("../x").build();
        try (Runner r = runner()) {
            assertThatThrownBy(() -> r.run(new RunRequest(course(hello), hello, outside, workspace, QUICK, Map.of())))
                    .isInstanceOf(UnsafePathException.class).hasMessageContaining("../x");
        }
    }

    @Test
    @DisplayName("without a Dockerfile, an image_tag outside the progy/ namespace is refused: a course cannot stand in for a public image")
    void publicImageTagRefused() throws IOException {
        writeWorkspace("echo never\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec s = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        RunnerSpec publicName = s.toBuilder().imageTag("busybox:latest").build();
        try (Runner r = runner()) {
            assertThatThrownBy(() -> r.run(new RunRequest(course(hello), hello, publicName, workspace, QUICK, Map.of())))
                    .isInstanceOf(ProgyException.class).hasMessageContaining("busybox:latest")
                    .hasMessageContaining("progy/ namespace");
        }
    }
}
