package dev.progy.runner.docker;

import dev.progy.CourseInvalidException;
import dev.progy.ProgyException;
import dev.progy.RunnerUnavailableException;
import dev.progy.RunTimeoutException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerComposeRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path root;
    ComposeKit kit;
    Runner runner;

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void removeBuiltImages() {
        DockerEngine.removeBuiltImages(ComposeKit.COURSE);
    }

    @BeforeEach
    void open() throws IOException {
        kit = ComposeKit.in(root);
        runner = new DockerRunnerProvider().create(ProviderConfig.empty());
    }

    @AfterEach
    void close() {
        runner.close();
        List<String> left = ComposeKit.leftovers();
        ComposeKit.removeLeftovers(); // so one failing test does not fail the next ones
        assertThat(left).as("containers, networks and volumes of the run").isEmpty();
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
        assertThat(new DockerRunnerProvider().supports(RunnerType.DOCKER_COMPOSE)).isTrue();
    }

    @Test
    @DisplayName("an exercise whose test reaches another service by its name passes; the services are hardened and everything is removed after")
    void reachesServiceByName() {
        Heard heard = new Heard();
        long t0 = System.nanoTime();
        RunResult result = run(TIMEOUT, Map.of(), heard);
        System.out.println("[timing] compose run (3 services, build if needed) "
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
    @DisplayName("the test container reaches nothing outside the run: not the internet, not the host's addresses nor the network's gateway")
    void noOutsideAccess() throws Exception {
        List<String> hostAddresses = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    hostAddresses.add(a.getHostAddress());
                }
            }
        }
        assertThat(hostAddresses).as("this host's addresses, e.g. docker0's").isNotEmpty();
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
                    gateway=$(ip -4 route | awk '/^default/ {print $3}')
                    echo "gateway=$gateway"
                    for a in 1.1.1.1:80 $gateway:$PORT $HOSTS; do
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
            assertThat(result.output()).contains("web reached", "blocked 1.1.1.1:80", "ipv6=0")
                    .doesNotContain("REACHED").contains("gateway=");
            for (String a : hostAddresses) {
                assertThat(result.output()).contains("blocked " + a + ":" + listener.getLocalPort());
            }
            assertThat(accepted).as("connections the host accepted from the run").isEmpty();
        }
    }

    @Test
    @DisplayName("a failing test is a failure, and the run's containers, network and volumes are removed")
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
        List<String> imagesBefore = builtImages();
        assertThatThrownBy(() -> run(TIMEOUT, Map.of(), new Heard())).isInstanceOf(CourseInvalidException.class)
                .satisfies(e -> assertThat(((CourseInvalidException) e).problems()).hasSize(3))
                .hasMessageContaining("services.app.network_mode").hasMessageContaining("services.web.privileged")
                .hasMessageContaining("services.web.volumes[0]");
        assertThat(ComposeKit.leftovers()).isEmpty();
        assertThat(builtImages()).isEqualTo(imagesBefore);
    }

    @Test
    @DisplayName("on Podman's Docker-compatible socket, which cannot cut the run's network off from the host, a compose run is refused before anything is made")
    void podmanCompatibleSocketRefused() {
        String podman = System.getenv("CONTAINER_HOST");
        Assumptions.assumeTrue(podman != null && podman.startsWith("unix://")
                && Files.exists(Path.of(podman.substring("unix://".length()))), "no Podman socket (CONTAINER_HOST)");
        try (Runner onPodman = new DockerRunnerProvider().create(ProviderConfig.of(Map.of("docker.host", podman)))) {
            assertThatThrownBy(() -> onPodman.run(kit.request(TIMEOUT, Map.of()), new Heard()))
                    .isInstanceOf(RunnerUnavailableException.class).hasMessageContaining("Podman")
                    .extracting(e -> ((RunnerUnavailableException) e).fixHint()).asString().contains("--engine podman");
        }
    }

    @Test
    @DisplayName("an image the engine does not have is reported with every other missing one, and never pulled")
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
        assertThat(builtImages()).anyMatch(t -> t.startsWith("progy/compose-kit-web:"));
    }

    @Test
    @DisplayName("a JVM ended in the middle of a compose run removes its containers, network and volumes on its way out")
    void jvmExitRemovesEverything() throws Exception {
        kit.script("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ComposeRunInChildJvm.class.getName(), root.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            assertThat(ComposeKit.leftovers()).anyMatch(l -> l.startsWith("network "))
                    .anyMatch(l -> l.startsWith("volume ")).filteredOn(l -> l.startsWith("container ")).hasSize(3);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // close() checks that nothing is left
    }

    private static List<String> builtImages() {
        try (var docker = ComposeKit.client()) {
            return docker.listImagesCmd().withLabelFilter(Map.of(SandboxPolicy.LABEL_COURSE, ComposeKit.COURSE)).exec()
                    .stream().flatMap(i -> i.getRepoTags() == null ? Stream.<String>empty()
                            : Arrays.stream(i.getRepoTags())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
