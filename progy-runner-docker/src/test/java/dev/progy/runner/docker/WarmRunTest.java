package dev.progy.runner.docker;

import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
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

/**
 * Warm re-runs on dockerd: the whole runner contract with warm mode on, then what is particular to it — a warm
 * run gives the cold run's result, starts clean, and leaves no container behind once the runner is closed.
 */
class WarmRunTest extends RunnerContract {

    private static final DockerRunnerProvider PROVIDER = new DockerRunnerProvider();
    private static final ProviderConfig WARM = ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true"));
    /** The id of the kit's course, which the built images are labelled with. */
    private static final String COURSE = "kit";

    @BeforeAll
    static void engineRuns() {
        DockerEngine.requireOrSkip();
    }

    @AfterAll
    static void noContainerLeft() {
        DockerEngine.removeBuiltImages(COURSE);
        assertThat(DockerEngine.containersOfThisJvm()).as("containers of this JVM").isEmpty();
    }

    @Override
    protected Runner runner() {
        return PROVIDER.create(WARM);
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        RunnerSpec s = spec(RunnerType.DOCKER_FILE, "sh", List.of(script, "{{exercise}}"), limits);
        return new RunnerSpec(s.id(), s.name(), s.type(), s.command(), s.args(), s.cwd(), s.dockerfile(),
                Optional.of(DockerEngine.IMAGE), s.networkAccess(), s.composeFile(), s.serviceToRun(), s.limits());
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
    private RunResult cold(String script, Duration timeout) throws IOException {
        writeWorkspace(script);
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner cold = PROVIDER.create(ProviderConfig.empty())) {
            return cold.run(new RunRequest(course(hello), hello, specFor("runner/check.sh",
                    RunnerSpec.Limits.DEFAULT.withTimeout(timeout)), workspace, timeout, Map.of()));
        }
    }

    /** The one warm container of this JVM, which must exist. */
    private static String theWarmContainer() {
        List<String> warm = DockerEngine.warmContainersOfThisJvm();
        assertThat(warm).as("warm containers of this JVM").hasSize(1);
        return warm.get(0);
    }

    /** The cold result, the first warm run's and the warm re-run's are the same but for their durations. */
    private void sameAsCold(String script, Duration timeout) throws IOException {
        RunResult cold = cold(script, timeout);
        RunResult first = run(script, timeout);
        RunResult again = run(script, timeout);
        assertThat(first).usingRecursiveComparison().ignoringFields("duration").isEqualTo(cold);
        assertThat(again).usingRecursiveComparison().ignoringFields("duration").isEqualTo(cold);
    }

    @Test
    @DisplayName("a pass, a failure, a results.json and an SRP block give the same results warm as cold, in one kept container")
    void warmEqualsCold() throws IOException {
        // one stream each: Docker keeps no order between stdout and stderr, cold or warm
        sameAsCold("echo \"exercise=$1\"\necho 'on stdout'\nexit 0\n", QUICK);
        String container = theWarmContainer();
        sameAsCold("echo \"exercise=$1\" >&2\necho 'on stderr' >&2\nexit 0\n", QUICK);
        sameAsCold("echo 'expected 42, got 41'\nexit 1\n", QUICK);
        sameAsCold("""
                cat > "$PROGY_OUTPUT_DIR/results.json" <<'EOF'
                {"version": 2, "status": "fail", "tests": [{"name": "greets", "status": "pass"}, {"name": "adds", "status": "fail", "message": "1 != 2"}]}
                EOF
                echo done
                """, QUICK);
        sameAsCold("""
                echo __SRP_BEGIN__
                echo '{"success": true, "summary": "2 of 2", "tests": [{"name": "a", "status": "pass"}]}'
                echo __SRP_END__
                """, QUICK);
        assertThat(theWarmContainer()).as("the same container ran them all").isEqualTo(container);
    }

    @Test
    @DisplayName("a warm run sees the sandbox a cold one sees: user, capabilities, read-only root, no network, limits, environment")
    void sameSandbox() throws IOException {
        sameAsCold("""
                echo "uid=$(id -u) gid=$(id -g) umask=$(umask) pwd=$(pwd)"
                grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp)' /proc/self/status
                touch /etc/planted 2>/dev/null && echo "root written" || echo "root read-only"
                echo "net=$(ls /sys/class/net | tr '\\n' ' ')"
                echo "pids=$(cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null)"
                echo "memory=$(cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)"
                echo "files=$(ulimit -n) tmp=$(ls -A /tmp | wc -l) out=$(ls -A "$PROGY_OUTPUT_DIR" | wc -l)"
                mount | grep -E ' /(tmp|workspace[^ ]*|progy/out) ' | sed 's/^[^ ]* //' | sort
                env | grep -v '^HOSTNAME=' | sort
                """, QUICK);
    }

    @Test
    @DisplayName("what one run writes to /tmp, $HOME and /dev/shm is gone in the next, which runs in the same container")
    void tmpFreshEachRun() throws IOException {
        String marker = marker();
        RunResult wrote = run("echo x > /tmp/left-" + marker + "\necho x > /dev/shm/left-" + marker
                + "\nmkdir -p \"$HOME/.cache/locked-" + marker + "\" && chmod 0 \"$HOME/.cache/locked-" + marker + "\""
                + " && echo x > \"$HOME/.profile\"\nls -A \"$HOME\"\n"
                + "\nmkdir -p /tmp/locked-" + marker + "/in && echo x > /tmp/locked-" + marker + "/in/f"
                + " && chmod 0 /tmp/locked-" + marker + "/in\necho x > \"$PROGY_OUTPUT_DIR/left-" + marker + "\"\n"
                + "ls -A /tmp\n", QUICK);
        assertThat(wrote.output()).contains("left-" + marker, "locked-" + marker, ".profile", ".cache");
        String container = theWarmContainer();
        RunResult next = run("echo tmp: $(ls -A /tmp)\necho home: $(ls -A \"$HOME\")\necho shm: $(ls -A /dev/shm)\n"
                + "echo out: $(ls -A \"$PROGY_OUTPUT_DIR\")\n", QUICK);
        assertThat(next.output()).isEqualTo("tmp:\nhome:\nshm:\nout:\n");
        assertThat(theWarmContainer()).isEqualTo(container);
    }

    @Test
    @DisplayName("a run that times out kills its container; the next run works in a new one")
    void timeoutKillsContainer() throws IOException {
        RunResult coldTimeout = cold("echo looping\nwhile :; do :; done\n", SHORT);
        run("exit 0\n", QUICK);
        String first = theWarmContainer();
        RunResult timedOut = run("echo looping\nwhile :; do :; done\n", SHORT);
        assertThat(timedOut).usingRecursiveComparison().ignoringFields("duration").isEqualTo(coldTimeout);
        assertThat(DockerEngine.warmContainersOfThisJvm()).as("the killed container is removed").isEmpty();
        RunResult next = run("echo after\nexit 0\n", QUICK);
        assertThat(next.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(next.output()).isEqualTo("after\n");
        assertThat(theWarmContainer()).isNotEqualTo(first);
    }

    @Test
    @DisplayName("endless output is cut as in a cold run, its container killed, and the next run works")
    void outputCapKillsContainer() throws IOException {
        String endless = """
                line=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
                line="$line$line$line$line$line$line$line$line$line$line"
                while :; do echo "$line"; done
                """;
        RunResult coldCut = cold(endless, QUICK);
        RunResult warmCut = run(endless, QUICK);
        assertThat(warmCut.termination()).isEqualTo(RunResult.Termination.OUTPUT_LIMIT);
        assertThat(warmCut).usingRecursiveComparison().ignoringFields("duration").isEqualTo(coldCut);
        assertThat(DockerEngine.warmContainersOfThisJvm()).isEmpty();
        assertThat(run("echo fine\n", QUICK).output()).isEqualTo("fine\n");
    }

    @Test
    @DisplayName("a run that answers for the agent through its pipe, and leaves a process that holds no output, still does not live on into the next run")
    void forgedAnswerGone() throws IOException {
        String marker = marker();
        run("echo warm\nexit 0\n", QUICK);
        RunResult left = run("for n in 1 2 3 4 5 6; do echo \"$n 0 1\" > /progy/agent/reply; done\n"
                + "sleep " + marker + " > /dev/null 2>&1 &\necho bye\nexit 0\n", QUICK);
        assertThat(left.output()).isEqualTo("bye\n");
        RunResult next = run("ps -o args\n", QUICK);
        assertThat(next.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(next.output()).contains("COMMAND", "sh runner/check.sh").doesNotContain(marker);
    }

    @Test
    @DisplayName("a background process left by a run does not live on into the next run")
    void backgroundProcessGone() throws IOException {
        String marker = marker();
        RunResult left = run("sleep " + marker + " &\necho bye\nexit 0\n", QUICK);
        assertThat(left.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(left.output()).isEqualTo("bye\n");
        RunResult next = run("ps -o args\n", QUICK);
        assertThat(next.output()).contains("COMMAND", "sh runner/check.sh").doesNotContain(marker);
    }

    @Test
    @DisplayName("a run over its memory limit is reported as out of memory, whether the killed process ends the run or not")
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
                theWarmContainer();
                Recording heard = new Recording();
                writeWorkspace("echo hogging\nhead -c 300000000 /dev/zero | tail > /dev/null\n" + end);
                RunResult result = r.run(request, heard);
                assertThat(result.termination()).as(end).isEqualTo(RunResult.Termination.OUT_OF_MEMORY);
                assertThat(result.summary()).isEqualTo("ran out of memory (64 MiB)");
                assertThat(result.output()).contains("hogging");
                assertThat(heard.text()).contains(WarmContainers.PREFIX);
            }
        }
    }

    @Test
    @DisplayName("a run of another exercise replaces the warm container: one per course image")
    void otherExerciseNewContainer() throws IOException {
        writeWorkspace("exit 0\n");
        Files.createDirectories(workspace.resolve("content/01_basics/02_other"));
        Exercise hello = exercise("01_basics", "01_hello");
        Exercise other = exercise("01_basics", "02_other");
        try (Runner r = runner()) {
            RunnerSpec spec = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
            r.run(new RunRequest(course(hello), hello, spec, workspace, QUICK, Map.of()));
            String first = theWarmContainer();
            RunResult inOther = r.run(new RunRequest(course(other), other, spec, workspace, QUICK, Map.of()));
            assertThat(inOther.status()).isEqualTo(RunResult.Status.PASS);
            assertThat(theWarmContainer()).isNotEqualTo(first);
        }
    }

    @Test
    @DisplayName("close() removes the warm containers: none labelled dev.progy.managed of this JVM remains")
    void closeRemoves() throws IOException {
        writeWorkspace("exit 0\n");
        Exercise hello = exercise("01_basics", "01_hello");
        Runner r = runner();
        r.run(new RunRequest(course(hello), hello, specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT), workspace,
                QUICK, Map.of()));
        assertThat(DockerEngine.warmContainersOfThisJvm()).hasSize(1);
        r.close();
        assertThat(DockerEngine.containersOfThisJvm()).isEmpty();
    }

    @Test
    @DisplayName("a JVM ended in the middle of a warm run removes its warm container on its way out")
    void jvmExitRemovesWarmContainer() throws Exception {
        writeWorkspace("echo running\nsleep 600\n");
        List<Path> outputFoldersBefore = warmOutputFolders();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunInChildJvm.class.getName(), workspace.toString(), root.resolve("course").toString(), "warm")
                .redirectErrorStream(true).start();
        Map<String, String> warmOfChild = Map.of(SandboxPolicy.LABEL_MANAGED, "true", WarmContainer.LABEL_WARM, "true",
                SandboxPolicy.LABEL_PID, Long.toString(child.pid()));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("running"));
            assertThat(line).as("the child's run started").isEqualTo("running");
            assertThat(DockerEngine.labelled(warmOfChild)).as("the run is in a warm container").hasSize(1);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(eventually(() -> DockerEngine.labelled(Map.of(SandboxPolicy.LABEL_MANAGED, "true",
                SandboxPolicy.LABEL_PID, Long.toString(child.pid()))).isEmpty(), SLACK)).as("no container left").isTrue();
        assertThat(warmOutputFolders()).as("the warm output folder is deleted").isEqualTo(outputFoldersBefore);
    }

    private static List<Path> warmOutputFolders() throws IOException {
        try (var all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("progy-warm-out-")).sorted().toList();
        }
    }

    @Test
    @DisplayName("an image without sleep keeps a warm container all the same: the agent in it is a shell loop")
    void noSleepStaysWarm() throws IOException {
        Path course = Files.createDirectories(root.resolve("course"));
        Files.writeString(course.resolve("Dockerfile"), "FROM " + DockerEngine.IMAGE + "\nRUN rm /bin/sleep\n"
                + "# test run " + marker() + "\n");
        Recording first = new Recording();
        RunResult r1 = run("echo warm\nexit 0\n", QUICK, Map.of(), first);
        String container = theWarmContainer();
        Recording second = new Recording();
        RunResult r2 = run("echo warm\nexit 0\n", QUICK, Map.of(), second);
        assertThat(List.of(r1, r2)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunResult.Status.PASS);
            assertThat(r.output()).isEqualTo("warm\n");
        });
        assertThat(first.text()).doesNotContain(WarmContainers.PREFIX);
        assertThat(theWarmContainer()).as("the same container ran both").isEqualTo(container);
    }
}
