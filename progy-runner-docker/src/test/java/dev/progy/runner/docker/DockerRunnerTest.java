package dev.progy.runner.docker;

import dev.progy.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.RunnerUnavailableException;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.SandboxPolicy;
import dev.progy.testkit.RunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerRunnerTest extends RunnerContract {

    private static final DockerRunnerProvider PROVIDER = new DockerRunnerProvider();

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void noContainerLeft() {
        assertThat(DockerEngine.managedContainers()).as("containers labelled " + SandboxPolicy.LABEL_MANAGED).isEmpty();
    }

    @Override
    protected Runner runner() {
        return PROVIDER.create(ProviderConfig.empty());
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return new RunnerSpec(s.id(), s.name(), s.type(), s.command(), s.args(), s.cwd(), s.dockerfile(),
                Optional.of(DockerEngine.IMAGE), s.networkAccess(), s.composeFile(), s.serviceToRun(), s.limits());
    }

    @Override
    protected boolean processesVisibleFromHost() {
        // true on a local dockerd (its processes are this host's), but not on Docker Desktop or a remote engine
        return false;
    }

    @Test
    @DisplayName("the provider is found by discovery as 'docker', priority 20, for docker-file runners only")
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
        assertThat(a.reason()).contains(root.resolve("no-such.sock").toString());
        assertThat(a.fixHint()).isEqualTo("start Docker (dockerd) or set DOCKER_HOST");
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
                    .extracting(e -> ((ProgyException) e).fixHint()).isEqualTo("start Docker (dockerd) or set DOCKER_HOST");
        }
    }

    @Test
    @DisplayName("an image that is not on the engine is an error saying how to build it")
    void missingImage() throws IOException {
        writeWorkspace("echo hi\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec s = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        RunnerSpec missing = new RunnerSpec(s.id(), s.name(), s.type(), s.command(), s.args(), s.cwd(), s.dockerfile(),
                Optional.of("progy/no-such-image:never"), s.networkAccess(), s.composeFile(), s.serviceToRun(), s.limits());
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
        assertThat(DockerEngine.managedContainers()).isEmpty();
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

    @Test
    @DisplayName("a JVM ended in the middle of a run removes the run's container on its way out")
    void jvmExitRemovesContainer() throws Exception {
        writeWorkspace("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunInChildJvm.class.getName(), workspace.toString(), root.resolve("course").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            assertThat(DockerEngine.managedContainers()).hasSize(1);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(eventually(() -> DockerEngine.managedContainers().isEmpty(), SLACK)).as("no container left").isTrue();
    }
}
