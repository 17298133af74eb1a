package dev.progy.testkit;

import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunTimeoutException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.container.BuildLog;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.Leftovers;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@code docker-compose} runner must do, whatever engine it runs on, with the example compose course
 * ({@link ComposeCourse}): the services and the test reach each other by name and nothing else, a run is held to
 * the sandbox and to its time limit, a compose file that escapes the sandbox is refused before anything is made,
 * images are built from the course and never pulled, and everything a run made is removed — at its end, when its
 * JVM exits, and by {@code progy gc} when its JVM was killed. An adapter's test extends it in a few lines; the
 * subclass skips in a static {@code @BeforeAll} when its engine is not running, and removes the example's images in
 * a static {@code @AfterAll}.
 */
public abstract class ComposeRunnerContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    protected Path root;
    protected ComposeCourse kit;
    private Runner runner;

    /** The adapter's provider; its runners are made with an empty configuration. */
    protected abstract RunnerProvider provider();

    /** {@code call} applied to the adapter's engine calls on the engine the tests use. */
    protected abstract <T> T onEngine(Function<ContainerEngine, T> call);

    /** What a compose run's containers share on this engine: {@link Leftover.Kind#NETWORK} or {@link Leftover.Kind#POD}. */
    protected abstract Leftover.Kind sharedPlace();

    /** What an adapter checks once more after each test, e.g. files of its own that a run leaves outside the engine. */
    protected void checkNothingElseLeft() { }

    /** What the engine shows of the run's way out, beyond the blocked addresses, in the output of the probe script. */
    protected void assertCutOff(String output) { }

    @BeforeEach
    void openRunner() throws IOException {
        kit = ComposeCourse.in(root);
        runner = provider().create(ProviderConfig.empty());
    }

    @AfterEach
    void closeRunner() {
        runner.close();
        List<String> left = leftovers();
        removeLeftovers(); // so one failing test does not fail the next ones
        assertThat(left).as("what the runs made").isEmpty();
        checkNothingElseLeft();
    }

    /** A listener that keeps what it heard. */
    protected static final class Heard implements RunListener {
        final List<String> chunks = new CopyOnWriteArrayList<>();

        public Heard() { }

        @Override
        public void output(String chunk) {
            chunks.add(chunk);
        }

        public String text() {
            return String.join("", chunks);
        }
    }

    protected RunResult run(Duration timeout, Map<String, String> env, Heard heard) {
        return runner.run(kit.request(timeout, env), heard);
    }

    /** The runner under test, open for the current test. */
    protected Runner runner() {
        return runner;
    }

    @Test
    @DisplayName("the provider takes docker-compose runners")
    void supportsCompose() {
        assertThat(provider().supports(RunnerType.DOCKER_COMPOSE)).isTrue();
    }

    @Test
    @DisplayName("an exercise whose test reaches another service by its name passes; the services are hardened and everything is removed after")
    void reachesServiceByName() {
        Heard heard = new Heard();
        long t0 = System.nanoTime();
        RunResult result = run(TIMEOUT, Map.of(), heard);
        System.out.println("[timing] compose run on " + provider().id() + " (3 services, build if needed) "
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
    @DisplayName("the test container reaches nothing outside the run: not the internet, not the host's addresses, not a gateway")
    void noOutsideAccess() throws Exception {
        List<String> hostAddresses = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    hostAddresses.add(a.getHostAddress());
                }
            }
        }
        assertThat(hostAddresses).as("this host's addresses, e.g. the engine's bridge").isNotEmpty();
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
            // a gateway, where the engine gives one, is probed like the host's addresses
            kit.script("""
                    gateway=$(ip -4 route 2>/dev/null | awk '/^default/ {print $3}')
                    echo "gateway=$gateway"
                    echo "routes=$(ip -4 route 2>/dev/null | wc -l)"
                    for a in 1.1.1.1:80 ${gateway:+$gateway:$PORT} $HOSTS; do
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
                    .doesNotContain("REACHED");
            for (String a : hostAddresses) {
                assertThat(result.output()).contains("blocked " + a + ":" + listener.getLocalPort());
            }
            assertCutOff(result.output());
            assertThat(accepted).as("connections the host accepted from the run").isEmpty();
        }
    }

    @Test
    @DisplayName("a failing test is a failure, and everything the run made is removed")
    void failureCleansUp() throws IOException {
        kit.script("wget -q -O - http://web:8080/index.html\nexit 3\n");
        RunResult result = run(TIMEOUT, Map.of(), new Heard());
        assertThat(result.status()).isEqualTo(RunResult.Status.FAIL);
        assertThat(result.output()).contains("hello from web");
        // closeRunner() checks that nothing is left
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
        assertThat(leftovers()).isEmpty();
        assertThat(builtImages()).isEqualTo(imagesBefore);
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
        assertThat(first.text()).contains(BuildLog.PREFIX);
        Heard again = new Heard();
        assertThat(run(TIMEOUT, Map.of(), again).output()).contains("first " + marker);
        assertThat(again.text()).as("nothing changed: no build").doesNotContain(BuildLog.PREFIX);

        kit.courseFile("web/index.html", "second " + marker + "\n");
        Heard changed = new Heard();
        assertThat(run(TIMEOUT, Map.of(), changed).output()).contains("second " + marker);
        assertThat(changed.text()).contains(BuildLog.PREFIX);
        assertThat(builtImages()).anyMatch(t -> t.startsWith("progy/compose-kit-web:"));
    }

    @Test
    @DisplayName("a JVM ended in the middle of a compose run removes everything the run made on its way out")
    void jvmExitRemovesEverything() throws Exception {
        kit.script("echo running\nsleep 600\n");
        Process child = startChild();
        try {
            awaitRunning(child);
            String place = sharedPlace().name().toLowerCase(Locale.ROOT) + " ";
            assertThat(leftovers()).anyMatch(l -> l.startsWith(place)).anyMatch(l -> l.startsWith("volume "))
                    .filteredOn(l -> l.startsWith("container ")).hasSize(3);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // closeRunner() checks that nothing is left
    }

    @Test
    @DisplayName("a compose run whose JVM was killed with kill -9 leaves its containers, what they share and a volume, which progy gc lists and removes")
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
        EngineAdmin admin = provider().admin(ProviderConfig.empty()).orElseThrow();
        String why = "its run's process " + child.pid() + " is gone";
        List<Leftover> mine = admin.leftovers(false).stream().filter(l -> l.why().equals(why)).toList();
        assertThat(mine).extracting(Leftover::kind).containsExactlyInAnyOrder(sharedPlace(), Leftover.Kind.CONTAINER,
                Leftover.Kind.CONTAINER, Leftover.Kind.CONTAINER, Leftover.Kind.VOLUME);
        assertThat(admin.remove(mine)).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(leftovers()).isEmpty();
        killedRunLeft(root.resolve("tmp"));
    }

    /** Removes what a killed JVM's run left outside the engine in {@code tmp}, its temporary folder (gc does not look there). */
    protected void killedRunLeft(Path tmp) throws IOException { }

    /** A JVM running the example course with this adapter, its temporary folder in the test's own. */
    protected Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + Files.createDirectories(root.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), ComposeRunInChildJvm.class.getName(),
                provider().getClass().getName(), root.toString()).redirectErrorStream(true).start();
    }

    private static void awaitRunning(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.equals("running"));
        assertThat(line).as("the child's run started").isEqualTo("running");
    }

    /** What the engine holds labelled with the example course, e.g. {@code network progy-...}, {@code pod progy-...}. */
    protected List<String> leftovers() {
        return onEngine(e -> e.labelled(SandboxPolicy.LABEL_COURSE, ComposeCourse.COURSE).stream()
                .map(t -> t.kind().name().toLowerCase(Locale.ROOT) + " " + t.name()).toList());
    }

    /** Removes whatever a failed test left of the example course: pods first (with their containers), then the rest. */
    protected void removeLeftovers() {
        onEngine(e -> {
            List<ContainerEngine.Labelled> left = e.labelled(SandboxPolicy.LABEL_COURSE, ComposeCourse.COURSE).stream()
                    .sorted(Comparator.comparing(t -> List.of(Leftover.Kind.POD, Leftover.Kind.CONTAINER)
                            .contains(t.kind()) ? 0 : 1)).toList();
            for (ContainerEngine.Labelled t : left) {
                try {
                    e.remove(t.kind(), t.id());
                } catch (RuntimeException inUse) {
                    // the next test's check names it
                }
            }
            return null;
        });
    }

    /** The tags of the images the engine holds of the example course, as Progy names them. */
    protected List<String> builtImages() {
        return onEngine(e -> e.labelledImages(SandboxPolicy.LABEL_COURSE, ComposeCourse.COURSE).stream()
                .flatMap(i -> i.tags().stream()).map(Leftovers::shortName).sorted().toList());
    }
}
