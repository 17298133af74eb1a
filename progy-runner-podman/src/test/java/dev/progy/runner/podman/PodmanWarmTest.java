package dev.progy.runner.podman;

import dev.progy.model.RunResult;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.progy.runner.podman.PodmanSandboxTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warm re-runs on Podman beyond the warm runner contract ({@link PodmanWarmContractTest}): the sandbox a kept
 * container gives each run, a container a leftover process spoilt is replaced, and no conmon process outlives its
 * container.
 */
class PodmanWarmTest {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration EXIT_SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private KitCourse kit;
    private Runner runner;

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void nothingLeft() {
        PodmanEngine.removeBuiltImages(KitCourse.ID);
        assertThat(PodmanEngine.managedContainers()).as("containers labelled " + SandboxPolicy.LABEL_MANAGED).isEmpty();
    }

    @BeforeEach
    void openRunner() throws IOException {
        kit = new KitCourse(root);
        runner = warmRunner();
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private static Runner warmRunner() {
        return new PodmanRunnerProvider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")));
    }

    private RunResult run(String script) throws IOException {
        return runner.run(kit.script(script).request(QUICK));
    }

    private static List<String> kept() {
        return PodmanEngine.managedContainers();
    }

    @Test
    @DisplayName("a warm re-run sees the sandbox a cold run sees: user, capabilities, read-only root, no network "
            + "(what each run finds empty is the warm contract's)")
    void sameSandboxAsCold() throws IOException {
        run("echo warm\n");
        List<String> container = kept();
        int owner = (Integer) java.nio.file.Files.getAttribute(kit.workspace, "unix:uid");
        RunResult second = run("""
                echo "uid=$(id -u)"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                touch /etc/planted 2>/dev/null && echo "root written" || echo "root read-only"
                echo "net=$(ls /sys/class/net | tr '\\n' ' ')"
                exit 1
                """);
        assertThat(second.source()).isEqualTo(RunResult.Source.EXIT_CODE);
        assertThat(second.output().lines()).contains(
                "uid=" + (owner == 0 ? SandboxPolicy.NOBODY : owner), "CapEff:\t0000000000000000", "NoNewPrivs:\t1",
                "root read-only", "net=lo ");
        assertThat(kept()).as("the same kept container").isEqualTo(container).hasSize(1);
    }

    @Test
    @DisplayName("a run that leaves a process behind takes its container with it, so the next run starts clean")
    void leftoverProcessReplacesContainer() throws IOException {
        run("echo warm\n");
        List<String> before = kept();
        RunResult r = run("sleep 600 &\necho bye\n");
        assertThat(r.status()).isEqualTo(RunResult.Status.PASS);
        // found when the runner tidies up after the run, in the background
        assertThat(eventually(() -> kept().isEmpty(), SETTLE)).as("the container with the leftover is removed").isTrue();
        assertThat(run("ps | grep -c '[s]leep 600' || true\n").output()).isEqualTo("0\n");
        assertThat(kept()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    @DisplayName("many warm runs, then close(): no conmon process and no labelled container is left")
    void noConmonLeftAfterWarmRuns() throws IOException {
        PodmanEngine.ContainerIds ids = new PodmanEngine.ContainerIds();
        for (int i = 0; i < 15; i++) {
            assertThat(runner.run(kit.script("echo run " + i + "\n").request(QUICK), ids).output()).isEqualTo("run " + i + "\n");
        }
        runner.run(kit.script("sleep 600\n").request(Duration.ofSeconds(1)), ids);
        runner.run(kit.script("sleep 600 &\necho left one\n").request(QUICK), ids);
        runner.run(kit.script("echo last\n").request(QUICK), ids);
        // only the monitors of this test's own containers count: an earlier test's may still be ending
        assertThat(ids.seen).as("kept containers: the first, its successor after the timeout, and after the leftover")
                .hasSize(3);
        assertThat(kept()).hasSize(1);
        String keptId = kept().get(0).split(" ")[0];
        Set<String> replaced = ids.seen.stream().filter(id -> !id.equals(keptId)).collect(Collectors.toSet());
        assertThat(replaced).hasSize(2);
        // while a container is kept, only its own monitor runs: each session's pair was ended after its run
        assertThat(eventually(() -> PodmanEngine.conmonsOf(Set.of(keptId)).size() == 1, SETTLE))
                .as("conmon processes of the kept container: " + PodmanEngine.conmonsOf(Set.of(keptId))).isTrue();
        // a removed container's monitor may outlive it by some seconds on a busy machine, but not for good
        assertThat(eventually(() -> PodmanEngine.conmonsOf(replaced).isEmpty(), EXIT_SETTLE))
                .as("conmon processes of replaced containers: " + PodmanEngine.conmonsOf(replaced)).isTrue();
        runner.close();
        assertThat(kept()).isEmpty();
        assertThat(eventually(() -> PodmanEngine.conmonsOf(ids.seen).isEmpty(), EXIT_SETTLE))
                .as("conmon processes after close: " + PodmanEngine.conmonsOf(ids.seen)).isTrue();
    }

}
