package dev.progy.testkit;

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
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.CourseImages;
import dev.progy.spi.container.Leftovers;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code progy doctor} and {@code progy gc} must find on every container engine: a running engine reports
 * itself and where it was found; a wrong or stale address says what is wrong, everywhere looked and how to start
 * the engine; what a killed JVM's runs left — containers, what they share, volumes — is listed and removed, never
 * what a live JVM or another host owns; and a course image replaced by a newer build is collected on request. An
 * adapter's test extends it in a few lines and skips in a static {@code @BeforeAll} when its engine is not running.
 */
public abstract class EngineAdminContract {

    @TempDir
    protected Path root;

    /** The adapter's provider. */
    protected abstract RunnerProvider provider();

    /** {@code call} applied to the adapter's engine calls on the engine the tests use. */
    protected abstract <T> T onEngine(Function<ContainerEngine, T> call);

    /** The adapter's setting for the engine's address, e.g. {@code docker.host}. */
    protected abstract String hostKey();

    /** The environment variable the tests' engine is given in, e.g. {@code DOCKER_HOST}. */
    protected abstract String hostVariable();

    /** How a missing socket's reason names the engine, e.g. {@code Docker Engine}. */
    protected abstract String engineName();

    /** Words every fix hint for an engine that is not there must hold, e.g. how to start it. */
    protected abstract List<String> startWords();

    /** Places the search must have looked at, e.g. the system's socket. */
    protected abstract List<String> placesLooked();

    /** The details a running engine's report must hold beyond the rootless, cgroup and storage facts every one gives. */
    protected abstract List<String> moreDetails();

    /** The kinds of thing Progy makes on this engine besides containers (networks, volumes, pods). */
    protected abstract List<Leftover.Kind> otherKinds();

    /** Makes a thing of {@code kind} named {@code name} with {@code labels}; returns its id as leftovers show it. */
    protected abstract String create(Leftover.Kind kind, String name, Map<String, String> labels);

    /** What an adapter checks more of a running engine's report: its version scheme, details of its own. */
    protected void checkReport(EngineReport report) { }

    /** The prebuilt image the tests run in. */
    protected String image() {
        return System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");
    }

    private EngineAdmin admin(ProviderConfig config) {
        return provider().admin(config).orElseThrow();
    }

    @Test
    @DisplayName("the running engine reports its version, API version, rootless or not, cgroups and storage driver, and where it was found")
    void inspectsRunningEngine() {
        EngineReport report = admin(ProviderConfig.empty()).inspect();
        assertThat(report.engine()).isEqualTo(provider().id());
        assertThat(report.reachable()).isTrue();
        assertThat(report.ready()).as("problems: " + report.problems()).isTrue();
        assertThat(report.address()).isEqualTo(System.getenv(hostVariable()));
        assertThat(report.version()).isNotBlank();
        assertThat(report.apiVersion()).isNotBlank();
        assertThat(report.details()).containsKeys("rootless", "cgroup version", "storage driver")
                .containsKeys(moreDetails().toArray(String[]::new));
        assertThat(report.looked()).contains(hostVariable() + " = " + System.getenv(hostVariable()) + ": a socket (used)");
        checkReport(report);
    }

    @Test
    @DisplayName("a socket path with nothing there: not reachable, every place looked listed, and how to start the engine")
    void bogusSocket() {
        Path nowhere = root.resolve("nowhere/engine.sock");
        EngineReport report = admin(ProviderConfig.of(Map.of(hostKey(), "unix://" + nowhere))).inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.ready()).isFalse();
        assertThat(report.version()).isEmpty();
        assertThat(report.looked()).first().asString()
                .isEqualTo(hostKey() + " = unix://" + nowhere + ": nothing there (used: set explicitly)");
        assertThat(String.join("\n", report.looked())).contains(hostVariable()).contains(placesLooked());
        assertThat(report.problems()).singleElement().asString().contains("no " + engineName() + " socket at " + nowhere);
        assertThat(report.fixes()).singleElement().asString().contains(startWords()).contains(hostVariable());
    }

    @Test
    @DisplayName("a socket no engine listens on: not running, with how to start one, and nothing to collect")
    void socketWithoutEngine() throws IOException {
        Path stale = root.resolve("stale.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(stale));
        } // closed: the socket file stays, as a stopped engine leaves it
        EngineAdmin admin = admin(ProviderConfig.of(Map.of(hostKey(), "unix://" + stale)));
        EngineReport report = admin.inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("is not running");
        assertThat(report.fixes()).singleElement().asString().contains(startWords());
        assertThat(admin.leftovers(true)).isEmpty();
    }

    @Test
    @DisplayName("a container of a JVM killed with kill -9 is a leftover and is removed; while its JVM lives it is not listed")
    void killedJvmLeavesContainer() throws Exception {
        Path workspace = writeWorkspace("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ContainerRunInChildJvm.class.getName(), provider().getClass().getName(), workspace.toString(),
                root.resolve("course").toString(), image()).redirectErrorStream(true).start();
        EngineAdmin admin = admin(ProviderConfig.empty());
        String container;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            container = containersOf(child.pid()).get(0);
            assertThat(admin.leftovers(false)).as("a live run's container").noneMatch(l -> l.id().equals(container));
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(containersOf(child.pid())).as("the killed JVM's container stays").containsExactly(container);

        List<Leftover> mine = admin.leftovers(false).stream().filter(l -> l.id().equals(container)).toList();
        assertThat(mine).singleElement().satisfies(l -> {
            assertThat(l.engine()).isEqualTo(provider().id());
            assertThat(l.kind()).isEqualTo(Leftover.Kind.CONTAINER);
            assertThat(l.name()).startsWith("progy-");
            assertThat(l.created()).isAfter(Instant.now().minusSeconds(600));
            assertThat(l.why()).isEqualTo("its run's process " + child.pid() + " is gone");
        });
        assertThat(admin.remove(mine)).isEqualTo(mine);
        assertThat(containersOf(child.pid())).isEmpty();
        assertThat(admin.remove(mine)).as("already gone counts as removed").isEqualTo(mine);
    }

    @Test
    @DisplayName("what a gone JVM's runs shared (networks, volumes, pods) are leftovers; those of a live JVM or of another host are not")
    void sharedThingsOfGoneRuns() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        Map<String, String> gone = labels(RunOwner.thisHost(), ended.pid());
        Map<String, String> live = labels(RunOwner.thisHost(), ProcessHandle.current().pid());
        Map<String, String> elsewhere = labels("elsewhere-" + RunOwner.thisHost(), ended.pid());
        EngineAdmin admin = admin(ProviderConfig.empty());
        List<String> goneIds = new ArrayList<>();
        List<String> keptIds = new ArrayList<>();
        Map<String, Leftover.Kind> made = new java.util.LinkedHashMap<>();
        try {
            for (Leftover.Kind kind : otherKinds()) {
                String id = create(kind, "progy-test-gone-" + marker, gone);
                goneIds.add(id);
                made.put(id, kind);
            }
            Leftover.Kind first = otherKinds().get(0);
            String liveId = create(first, "progy-test-live-" + marker, live);
            made.put(liveId, first);
            keptIds.add(liveId);
            String elsewhereId = create(Leftover.Kind.VOLUME, "progy-test-elsewhere-" + marker, elsewhere);
            made.put(elsewhereId, Leftover.Kind.VOLUME);
            keptIds.add(elsewhereId);

            List<Leftover> listed = admin.leftovers(false);
            assertThat(listed).extracting(Leftover::id).containsAll(goneIds).doesNotContainAnyElementsOf(keptIds);
            List<Leftover> mine = listed.stream().filter(l -> goneIds.contains(l.id())).toList();
            assertThat(mine).extracting(Leftover::kind).containsExactlyInAnyOrderElementsOf(otherKinds());
            assertThat(admin.remove(mine)).containsExactlyElementsOf(mine);
            assertThat(admin.leftovers(false)).extracting(Leftover::id).doesNotContainAnyElementsOf(goneIds);
        } finally {
            onEngine(e -> {
                made.forEach((id, kind) -> {
                    try {
                        e.remove(kind, id);
                    } catch (RuntimeException alreadyGone) {
                        // removed by the test itself
                    }
                });
                return null;
            });
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
            boolean olderKept = onEngine(e -> e.imageExists(older));
            boolean newerKept = onEngine(e -> e.imageExists(newer));
            assertThat(olderKept).as("the replaced image is removed").isFalse();
            assertThat(newerKept).as("the newest image stays").isTrue();
        } finally {
            removeImagesOf(courseId);
        }
    }

    /** Runs {@code echo ok} of a course {@code courseId} whose Dockerfile has {@code steps}; returns its image tag. */
    private String runWithDockerfile(String courseId, String steps) throws IOException {
        Path workspace = writeWorkspace("echo ok\n");
        Path courseRoot = root.resolve("course");
        Files.writeString(courseRoot.resolve("Dockerfile"), "FROM " + image() + "\n" + steps);
        Exercise hello = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
        RunnerSpec spec = RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh")
                .args(List.of("runner/check.sh", "{{exercise}}"))
                .limits(RunnerSpec.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60))).build();
        Course course = new Course(courseId, "GC test", "1.0.0", "", courseRoot, courseRoot.resolve("content"),
                List.of(spec), Progression.DEFAULT, Setup.NONE,
                List.of(new CourseModule("01_basics", "Basics", "", "", List.of(), List.of(hello))));
        try (Runner runner = provider().create(ProviderConfig.empty())) {
            RunResult result = runner.run(new RunRequest(course, hello, spec, workspace, Duration.ofSeconds(60), Map.of()));
            assertThat(result.status()).as(result.summary() + result.output()).isEqualTo(RunResult.Status.PASS);
        }
        return CourseImages.tag(courseId, BuildContext.of(courseRoot).hash());
    }

    private void removeImagesOf(String courseId) {
        onEngine(e -> {
            for (ContainerEngine.LabelledImage i : e.labelledImages(SandboxPolicy.LABEL_COURSE, courseId)) {
                for (String tag : i.tags()) {
                    try {
                        e.remove(Leftover.Kind.IMAGE, Leftovers.shortName(tag));
                    } catch (RuntimeException inUse) {
                        // left for progy gc
                    }
                }
            }
            return null;
        });
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

    /** The ids of the containers labelled as Progy's whose run's JVM is {@code pid}. */
    private List<String> containersOf(long pid) {
        return onEngine(e -> e.labelled(SandboxPolicy.LABEL_PID, Long.toString(pid)).stream()
                .filter(t -> t.kind() == Leftover.Kind.CONTAINER
                        && "true".equals(t.labels().get(SandboxPolicy.LABEL_MANAGED)))
                .map(ContainerEngine.Labelled::id).toList());
    }

    private static Map<String, String> labels(String host, long pid) {
        return Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_HOST, host,
                SandboxPolicy.LABEL_PID, Long.toString(pid));
    }
}
