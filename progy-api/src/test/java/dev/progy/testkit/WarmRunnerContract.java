package dev.progy.testkit;

import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every container runner's warm re-runs must do, whatever the engine: the whole {@link RunnerContract} with
 * warm mode on, then what is particular to it — runs of one exercise share one kept container and each starts
 * clean; a run that times out, floods its output or runs out of memory is reported as a cold one is and does not
 * spoil the next; an image without sleep stays warm through the agent; and nothing is left once the runner is
 * closed or its JVM ends. An adapter's test extends it in a few lines and skips in a static {@code @BeforeAll} when
 * its engine is not running.
 */
public abstract class WarmRunnerContract extends RunnerContract {

    /** How long a container removal a JVM's exit started may take to finish in the engine. */
    protected static final Duration EXIT_SETTLE = Duration.ofSeconds(30);

    /** The adapter's provider. */
    protected abstract RunnerProvider provider();

    /** The ids of the containers this JVM keeps warm now. */
    protected abstract List<String> keptContainers();

    /** The ids of the containers labelled as Progy's whose run's JVM is {@code pid}, running or not. */
    protected abstract List<String> containersOfJvm(long pid);

    /**
     * What an adapter checks more of a warm run stopped at a limit against the same run done cold, beyond what the
     * student sees (status, summary, output), e.g. that the exit codes are the same too.
     */
    protected void sameAsColdBeyondOutput(RunResult warm, RunResult cold) { }

    /** What an adapter checks more after a warm run ran out of memory, e.g. what the listener heard. */
    protected void afterOutOfMemory(Recording heard) { }

    /** What an adapter checks more after runs in an image that cannot keep a container alive. */
    protected void afterColdFallback(Recording first, Recording second) { }

    /** Whether the warm runs go through the agent, a shell loop that keeps a container up without {@code sleep}. */
    protected boolean agentKeepsImagesWithoutSleepWarm() {
        return true;
    }

    /**
     * Files an adapter keeps outside the engine for warm runs in the temporary folder {@code tmpdir}, which a JVM's
     * exit removes: the agents' control folders, and whatever else the adapter adds (e.g. output folders).
     */
    protected List<Path> filesOutsideEngine(Path tmpdir) throws IOException {
        try (var all = Files.list(tmpdir)) {
            return all.filter(p -> p.getFileName().toString().startsWith("progy-agent-")).sorted().toList();
        }
    }

    /** What an adapter checks more once a JVM ended mid-run took its kept container {@code keptId} along. */
    protected void afterJvmExit(String keptId) throws IOException { }

    /** The prebuilt image the tests run in. */
    protected String image() {
        return System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");
    }

    @Override
    protected Runner runner() {
        return provider().create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")));
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return s.toBuilder().imageTag(image()).build();
    }

    @Override
    protected RunnerSpec specWith(Toolchain toolchain, String script, RunnerSpec.Limits limits) {
        return dockerfileSpec(toolchain.dockerfile(), script, limits);
    }

    @Override
    protected boolean processesVisibleFromHost() {
        return false;
    }

    /** Runs {@code script} once in a cold runner of its own. */
    protected RunResult cold(String script, Duration timeout) throws IOException {
        writeWorkspace(script);
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner cold = provider().create(ProviderConfig.empty())) {
            return cold.run(new RunRequest(course(hello), hello, specFor("runner/check.sh",
                    RunnerSpec.Limits.DEFAULT.withTimeout(timeout)), workspace, timeout, Map.of()));
        }
    }

    /** The one container this JVM keeps, which must exist. */
    protected String theKeptContainer() {
        List<String> kept = keptContainers();
        assertThat(kept).as("containers kept warm by this JVM").hasSize(1);
        return kept.get(0);
    }

    @Test
    @DisplayName("runs of one exercise share one kept container, which close() removes")
    void oneKeptContainer() throws IOException {
        writeWorkspace("exit 0\n");
        Exercise hello = exercise("01_basics", "01_hello");
        Runner r = runner();
        try {
            RunRequest request = new RunRequest(course(hello), hello, specFor("runner/check.sh",
                    RunnerSpec.Limits.DEFAULT), workspace, QUICK, Map.of());
            assertThat(r.run(request).status()).isEqualTo(RunResult.Status.PASS);
            String kept = theKeptContainer();
            assertThat(r.run(request).status()).isEqualTo(RunResult.Status.PASS);
            assertThat(theKeptContainer()).isEqualTo(kept);
        } finally {
            r.close();
        }
        assertThat(keptContainers()).isEmpty();
        assertThat(containersOfJvm(ProcessHandle.current().pid())).as("containers of this JVM after close()").isEmpty();
    }

    @Test
    @DisplayName("each warm run gets an empty /tmp, an empty $HOME and an empty output folder, in the same kept container")
    void freshTmpHomeAndOutputEachRun() throws IOException {
        RunResult first = run("""
                echo left > /tmp/left-over; mkdir -p /tmp/locked/in; chmod 000 /tmp/locked
                echo left > "$HOME/.profile"; mkdir -p "$HOME/.cache/locked"; chmod 000 "$HOME/.cache"
                echo '{"version": 2, "status": "pass"}' > "$PROGY_OUTPUT_DIR/results.json"
                exit 1
                """, QUICK);
        assertThat(first.source()).isEqualTo(RunResult.Source.RESULTS_FILE);
        assertThat(first.status()).isEqualTo(RunResult.Status.PASS);
        String kept = theKeptContainer();
        RunResult second = run("""
                ls -A /tmp | grep -q . && echo "tmp not empty: $(ls -A /tmp)" || echo "tmp empty"
                ls -A "$HOME" | grep -q . && echo "home not empty: $(ls -A "$HOME")" || echo "home empty"
                ls -A "$PROGY_OUTPUT_DIR" | grep -q . && echo "output not empty" || echo "output empty"
                exit 1
                """, QUICK);
        assertThat(second.source()).isEqualTo(RunResult.Source.EXIT_CODE);
        assertThat(second.output().lines()).contains("tmp empty", "home empty", "output empty");
        assertThat(theKeptContainer()).as("the same kept container").isEqualTo(kept);
    }

    @Test
    @DisplayName("a run that times out is reported as a cold one is and takes its container along; the next run works in a new one")
    void timeoutReplacesContainer() throws IOException {
        RunResult coldTimeout = cold("echo looping\nwhile :; do :; done\n", SHORT);
        run("exit 0\n", QUICK);
        String first = theKeptContainer();
        RunResult timedOut = run("echo looping\nwhile :; do :; done\n", SHORT);
        assertThat(timedOut.termination()).isEqualTo(RunResult.Termination.TIMEOUT);
        assertThat(timedOut).usingRecursiveComparison().ignoringFields("duration", "exitCode").isEqualTo(coldTimeout);
        sameAsColdBeyondOutput(timedOut, coldTimeout);
        assertThat(keptContainers()).as("the stopped run's container is removed").isEmpty();
        RunResult next = run("echo after\nexit 0\n", QUICK);
        assertThat(next.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(next.output()).isEqualTo("after\n");
        assertThat(theKeptContainer()).isNotEqualTo(first);
    }

    @Test
    @DisplayName("endless output is cut as in a cold run, takes its container along, and the next run works")
    void outputCapReplacesContainer() throws IOException {
        String endless = """
                line=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
                line="$line$line$line$line$line$line$line$line$line$line"
                while :; do echo "$line"; done
                """;
        RunResult coldCut = cold(endless, QUICK);
        run("echo warm\n", QUICK);
        RunResult warmCut = run(endless, QUICK);
        assertThat(warmCut.termination()).isEqualTo(RunResult.Termination.OUTPUT_LIMIT);
        assertThat(warmCut).usingRecursiveComparison().ignoringFields("duration", "exitCode").isEqualTo(coldCut);
        sameAsColdBeyondOutput(warmCut, coldCut);
        assertThat(keptContainers()).isEmpty();
        assertThat(run("echo fine\n", QUICK).output()).isEqualTo("fine\n");
    }

    @Test
    @DisplayName("a background process left by a run does not live on into the next run")
    void backgroundProcessGone() throws IOException {
        String marker = marker();
        run("echo warm\n", QUICK);
        RunResult left = run("sleep " + marker + " &\necho bye\nexit 0\n", QUICK);
        assertThat(left.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(left.output()).isEqualTo("bye\n");
        RunResult next = run("ps -o args\n", QUICK);
        assertThat(next.output()).contains("COMMAND", "sh runner/check.sh").doesNotContain(marker);
    }

    @Test
    @DisplayName("a warm run over its memory limit is reported as out of memory, whether the killed process ends the run or not")
    void outOfMemoryReported() throws IOException {
        RunnerSpec.Limits limits = new RunnerSpec.Limits(QUICK, 64, 1.0, 128);
        // busybox tail keeps a line without an end in memory: 300 MB of zeros against a 64 MiB limit
        for (String end : List.of("", "echo carried on\nexit 0\n")) {
            Exercise hello = exercise("01_basics", "01_hello");
            try (Runner r = runner()) {
                RunRequest request = new RunRequest(course(hello), hello, specFor("runner/check.sh", limits),
                        workspace, QUICK, Map.of());
                writeWorkspace("exit 0\n");
                assertThat(r.run(request).status()).as("a warm container is made").isEqualTo(RunResult.Status.PASS);
                theKeptContainer();
                Recording heard = new Recording();
                writeWorkspace("echo hogging\nhead -c 300000000 /dev/zero | tail > /dev/null\n" + end);
                RunResult result = r.run(request, heard);
                assertThat(result.termination()).as(end).isEqualTo(RunResult.Termination.OUT_OF_MEMORY);
                assertThat(result.summary()).isEqualTo("ran out of memory (64 MiB)");
                assertThat(result.output()).contains("hogging");
                afterOutOfMemory(heard);
            }
        }
    }

    @Test
    @DisplayName("an image without sleep keeps its container all the same (the agent in it is a shell loop), or runs cold where the agent cannot work; it runs either way")
    void imageWithoutSleep() throws IOException {
        Path course = Files.createDirectories(root.resolve("course"));
        Files.writeString(course.resolve("Dockerfile"), "FROM " + image() + "\nRUN rm /bin/sleep\n"
                + "# test run " + marker() + "\n");
        Recording first = new Recording();
        RunResult r1 = run("echo warm\nexit 0\n", QUICK, Map.of(), first);
        List<String> keptAfterFirst = keptContainers();
        Recording second = new Recording();
        RunResult r2 = run("echo warm\nexit 0\n", QUICK, Map.of(), second);
        assertThat(List.of(r1, r2)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunResult.Status.PASS);
            assertThat(r.output()).isEqualTo("warm\n");
        });
        if (agentKeepsImagesWithoutSleepWarm()) {
            assertThat(keptAfterFirst).hasSize(1);
            assertThat(theKeptContainer()).as("the same container ran both").isEqualTo(keptAfterFirst.get(0));
        } else {
            assertThat(keptContainers()).isEmpty();
            afterColdFallback(first, second);
        }
    }

    @Test
    @DisplayName("a run that answers for the agent through its pipe, and leaves a process that holds no output, still does not live on into the next run")
    void forgedAnswerGone() throws IOException {
        String marker = marker();
        run("echo warm\nexit 0\n", QUICK);
        RunResult left = run("for n in 1 2 3 4 5 6; do { echo \"$n 0 1\" > /progy/agent/reply; } 2>/dev/null; done\n"
                + "sleep " + marker + " > /dev/null 2>&1 &\necho bye\nexit 0\n", QUICK);
        assertThat(left.output()).isEqualTo("bye\n");
        RunResult next = run("ps -o args\n", QUICK);
        assertThat(next.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(next.output()).contains("COMMAND", "sh runner/check.sh").doesNotContain(marker);
    }

    @Test
    @DisplayName("a warm run's output reaches the listener while the run is still on")
    void outputStreamsDuringTheRun() throws IOException {
        run("echo warm\nexit 0\n", QUICK);
        AtomicLong heardAt = new AtomicLong();
        long t0 = System.nanoTime();
        RunResult r = run("echo first\nsleep 2\necho second\nexit 0\n", QUICK, Map.of(), new Recording() {
            @Override
            public void output(String chunk) {
                super.output(chunk);
                if (chunk.contains("first")) {
                    heardAt.compareAndSet(0, System.nanoTime());
                }
            }
        });
        long end = System.nanoTime();
        assertThat(r.output()).isEqualTo("first\nsecond\n");
        assertThat(heardAt.get()).as("'first' was heard").isNotZero();
        assertThat(Duration.ofNanos(end - heardAt.get())).as("heard 'first' well before the end")
                .isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    @DisplayName("a JVM ended in the middle of a warm run removes its kept container on its way out")
    void jvmExitRemovesKeptContainer() throws Exception {
        writeWorkspace("echo running\nsleep 600\n");
        Files.createDirectories(root.resolve("course"));
        Path childTmp = Files.createDirectories(root.resolve("child-tmp"));
        Process child = ContainerRunInChildJvm.startRunning(provider(), workspace, root.resolve("course"), image(),
                true, childTmp);
        String keptId;
        try {
            assertThat(containersOfJvm(child.pid())).as("the run is in a kept container").hasSize(1);
            if (agentKeepsImagesWithoutSleepWarm()) {
                assertThat(filesOutsideEngine(childTmp)).as("the agent's control folder while the run is on").isNotEmpty();
            }
            keptId = containersOfJvm(child.pid()).get(0);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // the removal of a container with an exec session still in it may finish in the engine after the JVM is gone
        assertThat(eventually(() -> containersOfJvm(child.pid()).isEmpty(), EXIT_SETTLE)).as("no container left").isTrue();
        assertThat(filesOutsideEngine(childTmp)).as("what the ended JVM kept outside the engine is deleted").isEmpty();
        afterJvmExit(keptId);
    }
}
