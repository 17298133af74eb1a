package dev.progy.runner.docker;

import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.testkit.WarmRunnerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warm re-runs on dockerd: the warm runner contract (with the whole runner contract in warm mode), then what is
 * particular to Docker's kept containers — a warm run gives the cold run's result and sees its sandbox, /dev/shm
 * starts clean too, and another exercise gets a container of its own.
 */
class WarmRunTest extends WarmRunnerContract {

    private static final DockerRunnerProvider PROVIDER = new DockerRunnerProvider();
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
    protected RunnerProvider provider() {
        return PROVIDER;
    }

    @Override
    protected List<String> keptContainers() {
        return DockerEngine.warmContainersOfThisJvm();
    }

    @Override
    protected List<String> containersOfJvm(long pid) {
        return DockerEngine.labelled(Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_PID,
                Long.toString(pid)));
    }

    @Override
    protected void sameAsColdBeyondOutput(RunResult warm, RunResult cold) {
        assertThat(warm).usingRecursiveComparison().ignoringFields("duration").isEqualTo(cold);
    }

    @Override
    protected void afterOutOfMemory(Recording heard) {
        assertThat(heard.text()).contains(WarmContainers.PREFIX);
    }

    /** The warm runs' output folders and agents' control folders: a JVM's exit deletes its own. */
    @Override
    protected List<Path> filesOutsideEngine(Path tmpdir) throws IOException {
        try (var all = Files.list(tmpdir)) {
            return all.filter(p -> p.getFileName().toString().startsWith("progy-warm-out-")
                    || p.getFileName().toString().startsWith("progy-agent-")).sorted().toList();
        }
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
        String container = theKeptContainer();
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
        assertThat(theKeptContainer()).as("the same container ran them all").isEqualTo(container);
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
        String container = theKeptContainer();
        RunResult next = run("echo tmp: $(ls -A /tmp)\necho home: $(ls -A \"$HOME\")\necho shm: $(ls -A /dev/shm)\n"
                + "echo out: $(ls -A \"$PROGY_OUTPUT_DIR\")\n", QUICK);
        assertThat(next.output()).isEqualTo("tmp:\nhome:\nshm:\nout:\n");
        assertThat(theKeptContainer()).isEqualTo(container);
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
            String first = theKeptContainer();
            RunResult inOther = r.run(new RunRequest(course(other), other, spec, workspace, QUICK, Map.of()));
            assertThat(inOther.status()).isEqualTo(RunResult.Status.PASS);
            assertThat(theKeptContainer()).isNotEqualTo(first);
        }
    }

}
