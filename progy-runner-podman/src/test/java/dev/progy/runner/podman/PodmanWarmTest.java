package dev.progy.runner.podman;

import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.SandboxPolicy;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.progy.runner.podman.PodmanSandboxTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Warm re-runs: checks run with exec in one kept container, under the same sandbox, leaving nothing behind. */
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
    @DisplayName("runs of one exercise share one kept container, which close() removes")
    void oneKeptContainer() throws IOException {
        assertThat(run("echo first\n").output()).isEqualTo("first\n");
        List<String> after1 = kept();
        assertThat(after1).hasSize(1);
        assertThat(run("echo second\n").output()).isEqualTo("second\n");
        assertThat(kept()).isEqualTo(after1);
        runner.close();
        assertThat(kept()).isEmpty();
    }

    @Test
    @DisplayName("each warm run gets an empty /tmp, an empty $HOME and an empty output folder, and the same sandbox as a cold run")
    void freshTmpAndOutputEachRun() throws IOException {
        RunResult first = run("""
                echo left > /tmp/left-over; mkdir -p /tmp/locked/in; chmod 000 /tmp/locked
                echo left > "$HOME/.profile"; mkdir -p "$HOME/.cache/locked"; chmod 000 "$HOME/.cache"
                echo '{"version": 2, "status": "pass"}' > "$PROGY_OUTPUT_DIR/results.json"
                exit 1
                """);
        assertThat(first.source()).isEqualTo(RunResult.Source.RESULTS_FILE);
        assertThat(first.status()).isEqualTo(RunResult.Status.PASS);
        List<String> container = kept();
        int owner = (Integer) Files.getAttribute(kit.workspace, "unix:uid");
        RunResult second = run("""
                ls -A /tmp | grep -q . && echo "tmp not empty: $(ls -A /tmp)" || echo "tmp empty"
                ls -A "$HOME" | grep -q . && echo "home not empty: $(ls -A "$HOME")" || echo "home empty"
                ls -A "$PROGY_OUTPUT_DIR" | grep -q . && echo "output not empty" || echo "output empty"
                echo "uid=$(id -u)"
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                touch /etc/planted 2>/dev/null && echo "root written" || echo "root read-only"
                echo "net=$(ls /sys/class/net | tr '\\n' ' ')"
                exit 1
                """);
        assertThat(second.source()).isEqualTo(RunResult.Source.EXIT_CODE);
        assertThat(second.output().lines()).contains("tmp empty", "home empty", "output empty",
                "uid=" + (owner == 0 ? SandboxPolicy.NOBODY : owner), "CapEff:\t0000000000000000", "NoNewPrivs:\t1",
                "root read-only", "net=lo ");
        assertThat(kept()).as("the same kept container").isEqualTo(container).hasSize(1);
    }

    @Test
    @DisplayName("a run stopped at its timeout takes its container with it; the next run gets a new one")
    void timeoutReplacesContainer() throws IOException {
        run("echo warm\n");
        List<String> before = kept();
        RunResult slow = runner.run(kit.script("sleep 600\n").request(Duration.ofSeconds(1)));
        assertThat(slow.termination()).isEqualTo(RunResult.Termination.TIMEOUT);
        assertThat(kept()).isEmpty();
        assertThat(run("echo again\n").output()).isEqualTo("again\n");
        assertThat(kept()).hasSize(1).doesNotContainAnyElementsOf(before);
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
    @DisplayName("endless output is cut at the limit and takes the container with it")
    void endlessOutputReplacesContainer() throws IOException {
        run("echo warm\n");
        RunResult r = run("while :; do echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; done\n");
        assertThat(r.termination()).isEqualTo(RunResult.Termination.OUTPUT_LIMIT);
        assertThat(kept()).isEmpty();
    }

    @Test
    @DisplayName("a warm run whose process the OOM killer ends is out of memory, told by the container's count without a cold re-run, whether the run ends there or carries on")
    void outOfMemoryCounted() throws IOException {
        RunnerSpec.Limits limits = new RunnerSpec.Limits(QUICK, 64, 1.0, 128);
        for (String end : List.of("", "echo carried on\nexit 0\n")) {
            assertThat(runner.run(kit.script("echo warm\n").request(KitCourse.spec(limits))).output()).isEqualTo("warm\n");
            assertThat(kept()).hasSize(1);
            // busybox tail keeps a line without an end in memory: 300 MB of zeros against a 64 MiB limit
            kit.script("echo hogging\nhead -c 300000000 /dev/zero | tail > /dev/null\n" + end);
            List<String> heard = Collections.synchronizedList(new ArrayList<>());
            RunResult r = runner.run(kit.request(KitCourse.spec(limits)), new RunListener() {
                @Override
                public void output(String chunk) {
                    heard.add(chunk);
                }
            });
            assertThat(r.termination()).as(end).isEqualTo(RunResult.Termination.OUT_OF_MEMORY);
            assertThat(r.summary()).isEqualTo("ran out of memory (64 MiB)");
            assertThat(r.output()).contains("hogging");
            assertThat(heard).doesNotContain(WarmRuns.RERUN_NOTE);
            assertThat(kept()).as("a container that ran out of memory is not kept").isEmpty();
        }
    }

    @Test
    @DisplayName("an image without sleep keeps its container up all the same: the agent in it is a shell loop")
    void imageWithoutSleepStaysWarm() throws IOException {
        kit.dockerfile("RUN rm /bin/sleep\n", Long.toString(ThreadLocalRandom.current().nextLong(1L << 40)));
        RunResult r = runner.run(kit.script("echo warm\n").request(QUICK));
        assertThat(r.output()).isEqualTo("warm\n");
        List<String> container = kept();
        assertThat(container).hasSize(1);
        assertThat(runner.run(kit.request(QUICK)).output()).isEqualTo("warm\n");
        assertThat(kept()).isEqualTo(container);
    }

    @Test
    @DisplayName("a run that answers for the agent through its pipe and leaves a process behind still loses its container, and the next run is its own")
    void forgedAnswerDoesNotKeepLeftovers() throws IOException {
        run("echo warm\n");
        List<String> before = kept();
        // answers for the next few run numbers as if done with nothing left, then leaves a sleeper that holds no output
        RunResult r = run("for n in 1 2 3 4 5 6; do echo \"$n 0 1\" > /progy/agent/reply; done\n"
                + "sleep 600 > /dev/null 2>&1 &\necho bye\n");
        assertThat(r.output()).isEqualTo("bye\n");
        assertThat(eventually(() -> kept().isEmpty(), SETTLE)).as("the container with the leftover is removed").isTrue();
        RunResult next = run("ps | grep -c '[s]leep 600' || true\n");
        assertThat(next.output()).isEqualTo("0\n");
        assertThat(next.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(kept()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    @DisplayName("output streams to the listener while the run is still on")
    void outputStreamsDuringTheRun() throws IOException, InterruptedException {
        run("echo warm\n");
        java.util.concurrent.CountDownLatch heardFirst = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong heardAt = new java.util.concurrent.atomic.AtomicLong();
        long t0 = System.nanoTime();
        RunResult r = runner.run(kit.script("echo first\nsleep 2\necho second\n").request(QUICK), new RunListener() {
            @Override
            public void output(String chunk) {
                if (chunk.contains("first") && heardAt.compareAndSet(0, System.nanoTime())) {
                    heardFirst.countDown();
                }
            }
        });
        long total = System.nanoTime() - t0;
        assertThat(r.output()).isEqualTo("first\nsecond\n");
        assertThat(heardFirst.getCount()).isZero();
        assertThat(Duration.ofNanos(total - (heardAt.get() - t0))).as("heard 'first' well before the end")
                .isGreaterThan(Duration.ofMillis(1500));
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

    @Test
    @DisplayName("a JVM ended in the middle of a warm run removes its kept container and ends the session's monitors on its way out")
    void jvmExitRemovesKeptContainer() throws Exception {
        String keptId;
        kit.script("echo running\nsleep 600\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path childTmp = Files.createDirectories(root.resolve("child-tmp"));
        Process child = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + childTmp, "-cp",
                System.getProperty("java.class.path"), RunInChildJvm.class.getName(), root.toString(), "warm")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            assertThat(PodmanEngine.managedContainers(child.pid())).hasSize(1);
            keptId = PodmanEngine.managedContainers(child.pid()).get(0).split(" ")[0];
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // the removal of a container with an exec session still in it finishes in the service after the JVM is gone,
        // and on a loaded machine it can take longer than the usual settling time
        assertThat(eventually(() -> PodmanEngine.managedContainers(child.pid()).isEmpty(), EXIT_SETTLE))
                .as("no container left").isTrue();
        assertThat(eventually(() -> PodmanEngine.conmonsOf(Set.of(keptId)).isEmpty(), EXIT_SETTLE))
                .as("conmon processes left: " + PodmanEngine.conmonsOf(Set.of(keptId))).isTrue();
        try (var left = Files.list(childTmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("progy-agent-")))
                    .as("the agent's control folder").isEmpty();
        }
    }
}
