package dev.progy.runner.podman;

import dev.progy.CourseInvalidException;
import dev.progy.ProgyException;
import dev.progy.RunTimeoutException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker-compose runners on Podman: the services and the test in a pod of the run's own. */
class PodmanComposeRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path root;
    ComposeKit kit;
    Runner runner;

    @BeforeAll
    static void serviceRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void removeBuiltImages() {
        PodmanEngine.removeBuiltImages(ComposeKit.COURSE);
    }

    @BeforeEach
    void open() throws IOException {
        kit = ComposeKit.in(root);
        runner = new PodmanRunnerProvider().create(ProviderConfig.empty());
    }

    @AfterEach
    void close() {
        runner.close();
        List<String> left = ComposeKit.leftovers();
        ComposeKit.removeLeftovers(); // so one failing test does not fail the next ones
        assertThat(left).as("containers, pods and volumes of the run").isEmpty();
        assertThat(hostsFolders()).as("hosts files of the runs").isEmpty();
    }

    /** A listener that keeps what it heard. */
    private static final class Heard implements RunListener {
        final List<String> chunks = new CopyOnWriteArrayList<>();

        @Override
        public void output(String chunk) {
            chunks.add(chunk);
        }

        String text() {
            return String.join("", chunks);
        }
    }

    private RunResult run(Duration timeout, Map<String, String> env, Heard heard) {
        return runner.run(kit.request(timeout, env), heard);
    }

    @Test
    @DisplayName("the provider takes docker-compose runners")
    void supportsCompose() {
        assertThat(new PodmanRunnerProvider().supports(RunnerType.DOCKER_COMPOSE)).isTrue();
    }

    @Test
    @DisplayName("an exercise whose test reaches another service by its name passes; the services are hardened and everything is removed after")
    void reachesServiceByName() {
        Heard heard = new Heard();
        long t0 = System.nanoTime();
        RunResult result = run(TIMEOUT, Map.of(), heard);
        System.out.println("[timing] compose run on Podman (3 services, build if needed) "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
        assertThat(result.status()).as(result.output() + heard.text()).isEqualTo(RunResult.Status.PASS);
        assertThat(result.output()).contains("hello from web", "seeded", "static file of the course",
                "NoNewPrivs:\t1", "pids=" + kit.request(TIMEOUT, Map.of()).runner().limits().pids());
        // CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID: bits 0, 1, 3, 6, 7
        assertThat(result.output()).contains("CapEff:\t00000000000000cb");
        assertThat(heard.text()).contains("[compose] seed ran to its end", "[compose] web is healthy")
                .contains("(services.web.ports): dropped");
    }

    @Test
    @DisplayName("the test runs under the sandbox inside the pod: not root, no capabilities, read-only root, only loopback, and the services' names")
    void testSandboxedInPod() throws IOException {
        kit.script("""
                echo "uid=$(id -u)"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                touch /planted 2>/dev/null && echo "root written" || echo "root read-only"
                echo "interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')"
                grep -E '^127\\.0\\.0\\.1' /etc/hosts
                """);
        RunResult result = run(TIMEOUT, Map.of(), new Heard());
        assertThat(result.output()).contains("CapEff:\t0000000000000000", "NoNewPrivs:\t1", "root read-only",
                "interfaces: lo \n", "127.0.0.1\tlocalhost seed web app").doesNotContain("uid=0\n");
    }

    @Test
    @DisplayName("the test container reaches nothing outside the pod: not the internet, not the host's addresses, and it has no gateway")
    void noOutsideAccess() throws Exception {
        List<String> hostAddresses = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    hostAddresses.add(a.getHostAddress());
                }
            }
        }
        assertThat(hostAddresses).as("this host's addresses").isNotEmpty();
        List<String> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        accepted.add(s.getInetAddress().getHostAddress());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            kit.script("""
                    echo "routes=$(ip -4 route 2>/dev/null | wc -l)"
                    for a in 1.1.1.1:80 $HOSTS; do
                      case $a in *:*) ;; *) a=$a:$PORT ;; esac
                      (nc -w 2 ${a%:*} ${a#*:} </dev/null >/dev/null 2>&1 && echo "REACHED $a" || echo "blocked $a") &
                    done
                    wait
                    wget -q -O /dev/null http://web:8080/index.html && echo "web reached"
                    echo "ipv6=$(cat /proc/net/if_inet6 2>/dev/null | grep -vc ' lo$')"
                    """);
            RunResult result = run(TIMEOUT, Map.of("HOSTS", String.join(" ", hostAddresses),
                    "PORT", Integer.toString(listener.getLocalPort())), new Heard());
            listener.close();
            acceptor.join(5000);
            assertThat(result.output()).contains("web reached", "blocked 1.1.1.1:80", "ipv6=0", "routes=0")
                    .doesNotContain("REACHED");
            for (String a : hostAddresses) {
                assertThat(result.output()).contains("blocked " + a + ":" + listener.getLocalPort());
            }
            assertThat(accepted).as("connections the host accepted from the run").isEmpty();
        }
    }

    @Test
    @DisplayName("a failing test is a failure, and the run's pod, containers and volumes are removed")
    void failureCleansUp() throws IOException {
        kit.script("wget -q -O - http://web:8080/index.html\nexit 3\n");
        RunResult result = run(TIMEOUT, Map.of(), new Heard());
        assertThat(result.status()).isEqualTo(RunResult.Status.FAIL);
        assertThat(result.output()).contains("hello from web");
        // close() checks that nothing is left
    }

    @Test
    @DisplayName("a test that runs past its time limit is stopped, reported as a timeout, and everything is removed")
    void timeoutCleansUp() throws IOException {
        kit.script("echo started\nsleep 600\n");
        long t0 = System.nanoTime();
        RunResult result = run(Duration.ofSeconds(8), Map.of(), new Heard());
        assertThat(result.termination()).isEqualTo(RunResult.Termination.TIMEOUT);
        assertThat(result.output()).contains("started");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    @DisplayName("a service that never becomes healthy stops the run with its log, within the time limit, and nothing is left")
    void unhealthyService() throws IOException {
        kit.courseFile("docker-compose.yml", """
                services:
                  app:
                    image: progy/busybox:test
                    depends_on: {db: {condition: service_healthy}}
                  db:
                    image: progy/busybox:test
                    command: ["sh", "-c", "echo db booting; sleep 600"]
                    healthcheck: {test: ["CMD", "false"], interval: 200ms, retries: 2}
                """);
        assertThatThrownBy(() -> run(TIMEOUT, Map.of(), new Heard())).isInstanceOf(ProgyException.class)
                .hasMessageContaining("the compose service db is unhealthy").hasMessageContaining("db booting");
        kit.courseFile("docker-compose.yml", """
                services:
                  app: {image: progy/busybox:test}
                  db:
                    image: progy/busybox:test
                    command: ["sleep", "600"]
                    healthcheck: {test: ["CMD", "false"], interval: 200ms, retries: 1000}
                """);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> run(Duration.ofSeconds(3), Map.of(), new Heard()))
                .isInstanceOf(RunTimeoutException.class).hasMessageContaining("compose service db");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("a compose file with privileged, the host's network or a host path is refused before anything is built or created")
    void refusedBeforeAnythingIsCreated() throws IOException {
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
        kit.courseFile("web/index.html", "never built " + marker + "\n");
        kit.courseFile("docker-compose.yml", """
                services:
                  app:
                    image: progy/busybox:test
                    network_mode: host
                  web:
                    build: ./web
                    privileged: true
                    volumes: ["/etc:/host-etc:ro"]
                """);
        List<String> imagesBefore = ComposeKit.builtImages();
        assertThatThrownBy(() -> run(TIMEOUT, Map.of(), new Heard())).isInstanceOf(CourseInvalidException.class)
                .satisfies(e -> assertThat(((CourseInvalidException) e).problems()).hasSize(3))
                .hasMessageContaining("services.app.network_mode").hasMessageContaining("services.web.privileged")
                .hasMessageContaining("services.web.volumes[0]");
        assertThat(ComposeKit.leftovers()).isEmpty();
        assertThat(ComposeKit.builtImages()).isEqualTo(imagesBefore);
    }

    @Test
    @DisplayName("an image the service does not have is reported with every other missing one, and never pulled")
    void missingImages() throws IOException {
        kit.courseFile("docker-compose.yml", """
                services:
                  app: {image: progy/busybox:test}
                  db: {image: "postgres:never-here"}
                  cache: {image: "redis:never-here"}
                """);
        assertThatThrownBy(() -> run(TIMEOUT, Map.of(), new Heard())).isInstanceOf(ProgyException.class)
                .hasMessageContaining("postgres:never-here (service db)")
                .hasMessageContaining("redis:never-here (service cache)").hasMessageContaining("never pulls");
    }

    @Test
    @DisplayName("a changed file in a service's build context builds a new image; an unchanged one is reused")
    void contextChangeRebuilds() throws IOException {
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
        kit.courseFile("web/index.html", "first " + marker + "\n");
        Heard first = new Heard();
        assertThat(run(TIMEOUT, Map.of(), first).output()).contains("first " + marker);
        assertThat(first.text()).contains(CourseImage.PREFIX);
        Heard again = new Heard();
        assertThat(run(TIMEOUT, Map.of(), again).output()).contains("first " + marker);
        assertThat(again.text()).as("nothing changed: no build").doesNotContain(CourseImage.PREFIX);

        kit.courseFile("web/index.html", "second " + marker + "\n");
        Heard changed = new Heard();
        assertThat(run(TIMEOUT, Map.of(), changed).output()).contains("second " + marker);
        assertThat(changed.text()).contains(CourseImage.PREFIX);
        assertThat(ComposeKit.builtImages()).anyMatch(t -> t.startsWith("progy/compose-kit-web:"));
    }

    @Test
    @DisplayName("a JVM ended in the middle of a compose run removes its pod, containers and volumes on its way out")
    void jvmExitRemovesEverything() throws Exception {
        kit.script("echo running\nsleep 600\n");
        Process child = startChild();
        try {
            awaitRunning(child);
            assertThat(ComposeKit.leftovers()).anyMatch(l -> l.startsWith("pod ")).anyMatch(l -> l.startsWith("volume "))
                    .filteredOn(l -> l.startsWith("container ")).hasSize(3);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // close() checks that nothing is left
    }

    @Test
    @DisplayName("a compose run whose JVM was killed with kill -9 leaves a pod, its containers and a volume that progy gc lists and removes")
    void killedJvmLeftoversCollected() throws Exception {
        kit.script("echo running\nsleep 600\n");
        Process child = startChild();
        try {
            awaitRunning(child);
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        EngineAdmin admin = new PodmanRunnerProvider().admin(ProviderConfig.empty()).orElseThrow();
        String why = "its run's process " + child.pid() + " is gone";
        List<Leftover> mine = admin.leftovers(false).stream().filter(l -> l.why().equals(why)).toList();
        assertThat(mine).extracting(Leftover::kind).containsExactlyInAnyOrder(Leftover.Kind.POD, Leftover.Kind.CONTAINER,
                Leftover.Kind.CONTAINER, Leftover.Kind.CONTAINER, Leftover.Kind.VOLUME);
        assertThat(admin.remove(mine)).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(ComposeKit.leftovers()).isEmpty();
        cleanHostsFolders(); // the killed JVM could not delete its hosts file; gc does not look there
    }

    private Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + Files.createDirectories(root.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), ComposeRunInChildJvm.class.getName(), root.toString())
                .redirectErrorStream(true).start();
    }

    private static void awaitRunning(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.equals("running"));
        assertThat(line).as("the child's run started").isEqualTo("running");
    }

    /** The hosts-file folders of runs in this test's temporary folder (the child JVMs') and the shared one. */
    private List<Path> hostsFolders() {
        List<Path> found = new ArrayList<>();
        for (Path tmp : List.of(root.resolve("tmp"), Path.of(System.getProperty("java.io.tmpdir")))) {
            if (!Files.isDirectory(tmp)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(tmp)) {
                entries.filter(p -> p.getFileName().toString().startsWith("progy-pod-"))
                        .filter(p -> Files.exists(p.resolve("hosts")) && mine(p)).forEach(found::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Whether a hosts file names the example course's services (other runs on this machine write their own). */
    private static boolean mine(Path folder) {
        try {
            return Files.readString(folder.resolve("hosts")).contains("localhost seed web app");
        } catch (IOException gone) {
            return false;
        }
    }

    private void cleanHostsFolders() throws IOException {
        for (Path folder : hostsFolders()) {
            Files.deleteIfExists(folder.resolve("hosts"));
            Files.deleteIfExists(folder);
        }
    }
}
