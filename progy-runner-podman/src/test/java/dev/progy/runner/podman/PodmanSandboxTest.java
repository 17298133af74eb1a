package dev.progy.runner.podman;

import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What course code sees of the sandbox from inside a Podman container, and what a run leaves on the host. */
class PodmanSandboxTest {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path root;
    private KitCourse kit;
    private Runner runner;

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @BeforeEach
    void openRunner() throws IOException {
        kit = new KitCourse(root);
        runner = new PodmanRunnerProvider().create(ProviderConfig.empty());
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private RunResult run(String script) throws IOException {
        return runner.run(kit.script(script).request(QUICK));
    }

    @Test
    @DisplayName("course code runs under the sandbox: not root, no capabilities, read-only root and workspace, no network, limits set")
    void sandboxHolds() throws IOException {
        RunResult r = run("""
                echo "uid=$(id -u)"
                grep -E '^(CapEff|CapPrm|NoNewPrivs)' /proc/self/status
                for d in / /etc /run /var/tmp; do touch $d/planted 2>/dev/null && echo "$d written" || echo "$d read-only"; done
                touch runner/planted 2>/dev/null && echo "workspace written" || echo "workspace read-only"
                echo "net=$(ls /sys/class/net | tr '\\n' ' ')"
                echo "pids=$(cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null)"
                echo "memory=$(cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)"
                echo "swap=$(cat /sys/fs/cgroup/memory.swap.max /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes 2>/dev/null)"
                echo "tmp=$(touch /tmp/ok && echo writable)"
                echo "home=$HOME out=$PROGY_OUTPUT_DIR"
                """);
        int owner = (Integer) Files.getAttribute(kit.workspace, "unix:uid");
        long memory = (long) RunnerSpec.Limits.DEFAULT.memoryMb() << 20;
        assertThat(r.output().lines()).contains("uid=" + (owner == 0 ? SandboxPolicy.NOBODY : owner),
                "CapEff:\t0000000000000000", "CapPrm:\t0000000000000000", "NoNewPrivs:\t1",
                "/ read-only", "/etc read-only", "/run read-only", "/var/tmp read-only", "workspace read-only",
                "net=lo ", "pids=" + RunnerSpec.Limits.DEFAULT.pids(), "memory=" + memory,
                "tmp=writable", "home=/home/progy out=/progy/out");
        assertThat(r.output()).containsPattern("swap=(" + memory + "|0)\\n");
        assertThat(kit.workspace.resolve("runner/planted")).doesNotExist();
    }

    @Test
    @DisplayName("files course code writes to the exercise folder belong to the workspace's owner on the host")
    void writtenFilesOwnedByStudent() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can hand the workspace to another user for this test");
        kit.script("echo made > content/01_basics/01_hello/made.txt && mkdir content/01_basics/01_hello/build\n");
        try (Stream<Path> all = Files.walk(kit.workspace)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", 1000);
                Files.setAttribute(p, "unix:gid", 1000);
            }
        }
        RunResult r = runner.run(kit.request(QUICK));
        assertThat(r.status()).as(r.output()).isEqualTo(RunResult.Status.PASS);
        for (Path made : new Path[] {kit.exerciseDir().resolve("made.txt"), kit.exerciseDir().resolve("build")}) {
            assertThat(Files.getAttribute(made, "unix:uid")).as(made.toString()).isEqualTo(1000);
            assertThat(Files.getAttribute(made, "unix:gid")).as(made.toString()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("a program that takes more memory than allowed is stopped and reported as out of memory")
    void memoryHogOutOfMemory() throws IOException {
        // busybox tail keeps a line without an end in memory: 300 MB of zeros against a 64 MiB limit
        kit.script("echo hogging\nhead -c 300000000 /dev/zero | tail > /dev/null\n");
        RunResult result = runner.run(kit.request(KitCourse.spec(new RunnerSpec.Limits(QUICK, 64, 1.0, 128))));
        assertThat(result.termination()).isEqualTo(RunResult.Termination.OUT_OF_MEMORY);
        assertThat(result.status()).isEqualTo(RunResult.Status.ERROR);
        assertThat(result.summary()).isEqualTo("ran out of memory (64 MiB)");
        assertThat(result.output()).contains("hogging");
    }

    @Test
    @DisplayName("a program whose child is ended by SIGKILL, not for memory, is not out of memory: the container's OOM kill count stayed 0")
    void killedChildNotOutOfMemory() throws IOException {
        kit.script("echo ending a child\nsh -c 'kill -9 $$'\nexit $?\n");
        RunResult result = runner.run(kit.request(KitCourse.spec(new RunnerSpec.Limits(QUICK, 64, 1.0, 128))));
        assertThat(result.termination()).as(result.summary()).isEqualTo(RunResult.Termination.NORMAL);
        assertThat(result.status()).isEqualTo(RunResult.Status.FAIL);
        assertThat(result.exitCode()).hasValue(137);
        assertThat(result.output()).contains("ending a child");
    }

    @Test
    @DisplayName("a fork bomb meets the pids limit: the run never passes, ends by its timeout at the latest, leaves no container")
    void forkBombHeldByPidsLimit() throws IOException {
        // a builtin loop to wait in: forking sleep could fail once the bomb holds every allowed pid
        kit.script("echo forking\nb() { b | b & }; b\nwhile :; do :; done\n");
        RunResult result = runner.run(kit.request(KitCourse.spec(new RunnerSpec.Limits(Duration.ofSeconds(3), 64, 1.0, 32))));
        String shown = result.termination() + " " + result.status() + ": " + result.summary() + "\n" + result.output();
        // usually the timeout; the bomb may also take the shell down first, when no pid is left for its next fork
        assertThat(result.termination()).as(shown).isIn(RunResult.Termination.TIMEOUT, RunResult.Termination.NORMAL);
        assertThat(result.status()).as(shown).isNotEqualTo(RunResult.Status.PASS);
        assertThat(PodmanEngine.managedContainers()).isEmpty();
    }

    @Test
    @DisplayName("the container is removed after a run that ended, and after one stopped at its timeout")
    void containerRemovedAfterRunAndTimeout() throws IOException {
        assertThat(run("echo done\n").status()).isEqualTo(RunResult.Status.PASS);
        assertThat(PodmanEngine.managedContainers()).isEmpty();
        RunResult slow = runner.run(kit.script("sleep 600\n").request(Duration.ofSeconds(1)));
        assertThat(slow.termination()).isEqualTo(RunResult.Termination.TIMEOUT);
        assertThat(PodmanEngine.managedContainers()).isEmpty();
    }

    @Test
    @DisplayName("runs leave no conmon process behind, whether they ended or were stopped at their timeout")
    void noConmonLeft() throws IOException {
        PodmanEngine.ContainerIds ids = new PodmanEngine.ContainerIds();
        for (int i = 0; i < 5; i++) {
            assertThat(runner.run(kit.script("echo run " + i + "\n").request(QUICK), ids).output()).isEqualTo("run " + i + "\n");
        }
        runner.run(kit.script("sleep 600\n").request(Duration.ofSeconds(1)), ids);
        assertThat(ids.seen).as("containers seen").hasSize(6);
        assertThat(eventually(() -> PodmanEngine.conmonsOf(ids.seen).isEmpty(), SETTLE))
                .as("conmon processes left: " + PodmanEngine.conmonsOf(ids.seen)).isTrue();
    }

    static boolean eventually(BooleanSupplier condition, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
