package dev.progy.runner.podman;

import dev.progy.spi.support.image.BuildContext;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.RunnerUnavailableException;
import dev.progy.model.Course;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.EngineReport;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.Assumptions;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** progy doctor and progy gc on the Podman service: what it reports, what crashed runs left, and removing it. */
class PodmanEngineAdminTest {

    private static final PodmanRunnerProvider PROVIDER = new PodmanRunnerProvider();

    @TempDir
    Path root;

    @BeforeAll
    static void serviceRuns() {
        PodmanEngine.requireOrSkip();
    }

    private static EngineAdmin admin(ProviderConfig config) {
        return PROVIDER.admin(config).orElseThrow();
    }

    private static EngineAdmin admin() {
        return admin(ProviderConfig.empty());
    }

    @Test
    @DisplayName("the running service reports its version, libpod API, rootless or not, cgroups, OCI runtime, storage driver and conmon, and where it was found")
    void inspectsRunningService() {
        EngineReport report = admin().inspect();
        assertThat(report.engine()).isEqualTo("podman");
        assertThat(report.reachable()).isTrue();
        assertThat(report.ready()).as("problems: " + report.problems()).isTrue();
        assertThat(report.address()).isEqualTo(System.getenv("CONTAINER_HOST"));
        assertThat(report.version()).matches("\\d+\\.\\d+.*");
        assertThat(report.apiVersion()).matches("[4-9]\\.\\d+.*");
        assertThat(report.details()).containsKeys("rootless", "cgroup version", "cgroup manager", "OCI runtime",
                "storage driver", "conmon");
        assertThat(report.details().get("conmon")).matches("\\d+\\.\\d+.*");
        assertThat(report.looked()).contains("CONTAINER_HOST = " + System.getenv("CONTAINER_HOST") + ": a socket (used)");
        assertThat(String.join("\n", report.looked())).contains("/run/podman/podman.sock", "Podman machine");
    }

    @Test
    @DisplayName("a socket path with nothing there: not reachable, every place looked listed, and how to start the service")
    void bogusSocket() {
        Path nowhere = root.resolve("nowhere/podman.sock");
        EngineReport report = admin(ProviderConfig.of(Map.of("podman.host", "unix://" + nowhere))).inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.ready()).isFalse();
        assertThat(report.version()).isEmpty();
        assertThat(report.looked()).first().asString()
                .isEqualTo("podman.host = unix://" + nowhere + ": missing (used: set explicitly)");
        assertThat(String.join("\n", report.looked())).contains("CONTAINER_HOST", "/run/podman/podman.sock",
                "Podman machine", ".local/share/containers/podman/machine/*/podman.sock");
        assertThat(report.problems()).singleElement().asString().contains("no Podman socket at " + nowhere);
        assertThat(report.fixes()).singleElement().asString()
                .contains("systemctl --user start podman.socket", "podman system service --time=0", "CONTAINER_HOST");
    }

    @Test
    @DisplayName("a socket no service listens on: not running, with how to start one, and nothing to collect")
    void socketWithoutService() throws IOException {
        Path stale = staleSocket();
        EngineAdmin admin = admin(ProviderConfig.of(Map.of("podman.host", "unix://" + stale)));
        EngineReport report = admin.inspect();
        assertThat(report.reachable()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("is not running");
        assertThat(report.fixes()).singleElement().asString().contains("systemctl --user start podman.socket");
        assertThat(admin.leftovers(true)).isEmpty();
    }

    @Test
    @DisplayName("a run against a service that is not running says so, and everywhere it looked")
    void notRunningListsPlaces() throws IOException {
        Path stale = staleSocket();
        KitCourse kit = new KitCourse(root).script("echo hi\n");
        try (Runner runner = PROVIDER.create(ProviderConfig.of(Map.of("podman.host", "unix://" + stale)))) {
            assertThatThrownBy(() -> runner.run(kit.request(Duration.ofSeconds(10))))
                    .isInstanceOf(RunnerUnavailableException.class)
                    .hasMessageContaining("is not running")
                    .satisfies(e -> assertThat(((RunnerUnavailableException) e).tried()).singleElement()
                            .satisfies(t -> assertThat(t.looked())
                                    .contains("podman.host = unix://" + stale + ": a socket (used: set explicitly)")
                                    .anyMatch(l -> l.startsWith("CONTAINER_HOST"))
                                    .anyMatch(l -> l.contains(EngineAddress.ROOTFUL_SOCKET))))
                    .satisfies(e -> assertThat(((RunnerUnavailableException) e).attempts())
                            .anyMatch(a -> a.startsWith("podman: looked at CONTAINER_HOST")));
        }
    }

    @Test
    @DisplayName("a Docker Engine's socket is reported as not Podman, with what to use instead")
    void dockerEngineIsNotPodman() {
        String docker = System.getenv("DOCKER_HOST");
        Assumptions.assumeTrue(docker != null && docker.startsWith("unix://")
                && Files.exists(Path.of(docker.substring("unix://".length()))), "no local Docker Engine to point at");
        EngineReport report = admin(ProviderConfig.of(Map.of("podman.host", docker))).inspect();
        assertThat(report.ready()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("is not Podman");
        assertThat(report.fixes()).singleElement().asString().contains("--engine docker");
    }

    @Test
    @DisplayName("Podman 4's and 5's machine sockets are found, each place listed, the first that exists used")
    void machineSockets() throws IOException {
        // short names: a socket's path has at most 107 bytes
        Path home = Files.createDirectories(root.resolve("h"));
        Path tmp = Files.createDirectories(root.resolve("t/podman"));
        Path machine4 = Files.createDirectories(home.resolve(".local/share/containers/podman/machine/m")).resolve("podman.sock");
        Path machine5 = tmp.resolve("m-api.sock");
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "TMPDIR", root.resolve("t").toString()));
        try (ServerSocketChannel five = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            five.bind(UnixDomainSocketAddress.of(machine5));
            EngineAddress found5 = EngineAddress.locate(Optional.empty(), env::get);
            assertThat(found5.uri()).isEqualTo("unix://" + machine5);
            assertThat(found5.looked()).contains(machine5 + ": a socket (Podman machine, used)",
                    home.resolve(".local/share/containers/podman/machine/*/podman.sock") + " (Podman machine): none there",
                    "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock): XDG_RUNTIME_DIR not set");
            try (ServerSocketChannel four = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                four.bind(UnixDomainSocketAddress.of(machine4));
                EngineAddress found4 = EngineAddress.locate(Optional.empty(), env::get);
                assertThat(found4.uri()).as("Podman 4's machine comes first").isEqualTo("unix://" + machine4);
                assertThat(found4.looked()).contains(machine4 + ": a socket (Podman machine, used)",
                        machine5 + ": a socket (Podman machine)");
            }
        }
    }

    @Test
    @DisplayName("a container of a JVM killed with kill -9 is a leftover and is removed; while its JVM lives it is not listed")
    void killedJvmLeavesContainer() throws Exception {
        new KitCourse(root).script("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunInChildJvm.class.getName(), root.toString()).redirectErrorStream(true).start();
        EngineAdmin admin = admin();
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
            assertThat(l.engine()).isEqualTo("podman");
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
    @DisplayName("a pod, a network and a volume of a gone JVM are leftovers; those of a live JVM or of another host are not")
    void podsNetworksAndVolumes() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        Map<String, String> gone = labels(RunOwner.thisHost(), ended.pid());
        Map<String, String> live = labels(RunOwner.thisHost(), ProcessHandle.current().pid());
        Map<String, String> elsewhere = labels("elsewhere-" + RunOwner.thisHost(), ended.pid());
        EngineAdmin admin = admin();
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            String gonePod = podman.answer("POST", "/pods/create", body("name", "progy-test-gone-" + marker, gone)
                    .set("netns", JsonNodeFactory.instance.objectNode().put("nsmode", "none"))).path("Id").asText();
            String livePod = podman.answer("POST", "/pods/create", body("name", "progy-test-live-" + marker, live)
                    .set("netns", JsonNodeFactory.instance.objectNode().put("nsmode", "none"))).path("Id").asText();
            String goneNet = podman.answer("POST", "/networks/create", body("name", "progy-test-gone-" + marker, gone)
                    .put("internal", true)).path("id").asText();
            String goneVolume = podman.answer("POST", "/volumes/create", body("Name", "progy-test-gone-" + marker, gone))
                    .path("Name").asText();
            String otherVolume = podman.answer("POST", "/volumes/create",
                    body("Name", "progy-test-elsewhere-" + marker, elsewhere)).path("Name").asText();
            try {
                List<Leftover> listed = admin.leftovers(false);
                List<String> ids = listed.stream().map(Leftover::id).toList();
                assertThat(ids).contains(gonePod, goneNet, goneVolume).doesNotContain(livePod, otherVolume);
                List<Leftover> mine = listed.stream()
                        .filter(l -> List.of(gonePod, goneNet, goneVolume).contains(l.id())).toList();
                assertThat(mine).extracting(Leftover::kind).containsExactlyInAnyOrder(Leftover.Kind.POD,
                        Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);
                assertThat(admin.remove(mine)).containsExactlyElementsOf(mine);
                assertThat(admin.leftovers(false)).extracting(Leftover::id).doesNotContain(gonePod, goneNet, goneVolume);
            } finally {
                LibpodAdmin remover = new LibpodAdmin(podman);
                for (String pod : List.of(gonePod, livePod)) {
                    remover.remove(Leftover.Kind.POD, pod, true);
                }
                remover.remove(Leftover.Kind.NETWORK, goneNet, false);
                for (String volume : List.of(goneVolume, otherVolume)) {
                    remover.remove(Leftover.Kind.VOLUME, volume, false);
                }
            }
        }
    }

    @Test
    @DisplayName("with images: a course image replaced by a newer build of its course is a leftover, the newest is not")
    void replacedImages() throws IOException {
        KitCourse kit = new KitCourse(root).script("echo ok\n");
        String courseId = "gc-test-" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        try {
            String older = runWithDockerfile(kit, courseId, "RUN echo one > /built.txt\n");
            String newer = runWithDockerfile(kit, courseId, "RUN echo two > /built.txt\n");
            EngineAdmin admin = admin();
            assertThat(admin.leftovers(false)).noneMatch(l -> l.kind() == Leftover.Kind.IMAGE);
            List<Leftover> images = admin.leftovers(true).stream()
                    .filter(l -> l.kind() == Leftover.Kind.IMAGE && l.name().startsWith("progy/" + courseId + ":")).toList();
            assertThat(images).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo(older);
                assertThat(l.why()).isEqualTo("course " + courseId + " has a newer image, " + newer);
            });
            assertThat(admin.remove(images)).isEqualTo(images);
            assertThat(PodmanEngine.hasImage(older)).isFalse();
            assertThat(PodmanEngine.hasImage(newer)).isTrue();
        } finally {
            PodmanEngine.removeBuiltImages(courseId);
        }
    }

    /** Runs the kit as course {@code courseId} with a Dockerfile of {@code steps}; returns the tag of the image built. */
    private static String runWithDockerfile(KitCourse kit, String courseId, String steps) throws IOException {
        kit.dockerfile(steps, courseId);
        RunnerSpec spec = new RunnerSpec("check", "check", RunnerType.DOCKER_FILE, "sh",
                List.of("runner/check.sh", "{{exercise}}"), Optional.empty(), "Dockerfile", Optional.empty(), false,
                "docker-compose.yml", "app", RunnerSpec.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60)));
        Course kits = kit.course();
        Course course = new Course(courseId, kits.name(), kits.version(), kits.description(), kits.root(),
                kits.exercisesDir(), List.of(spec), kits.progression(), kits.setup(), kits.modules());
        try (Runner runner = PROVIDER.create(ProviderConfig.empty())) {
            RunResult result = runner.run(new RunRequest(course, KitCourse.exercise(), spec, kit.workspace,
                    spec.limits().timeout(), Map.of()));
            assertThat(result.status()).as(result.summary() + result.output()).isEqualTo(RunResult.Status.PASS);
        }
        return CourseImage.tag(courseId, BuildContext.of(kit.courseRoot).hash());
    }

    /** The ids of the containers labelled as Progy's whose run's JVM is {@code pid}. */
    private static List<String> containersOf(long pid) {
        try (LibpodClient podman = new LibpodClient(PodmanEngine.address())) {
            return podman.list(Map.of(SandboxPolicy.LABEL_PID, Long.toString(pid), SandboxPolicy.LABEL_MANAGED, "true"))
                    .stream().map(LibpodClient.ContainerSummary::id).toList();
        }
    }

    private Path staleSocket() throws IOException {
        Path stale = root.resolve("stale.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(stale));
        } // closed: the socket file stays, as a stopped service leaves it
        return stale;
    }

    private static ObjectNode body(String nameKey, String name, Map<String, String> labels) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put(nameKey, name);
        ObjectNode l = body.putObject(nameKey.equals("Name") ? "Label" : "labels");
        labels.forEach(l::put);
        return body;
    }

    private static Map<String, String> labels(String host, long pid) {
        return Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_HOST, host,
                SandboxPolicy.LABEL_PID, Long.toString(pid));
    }
}
