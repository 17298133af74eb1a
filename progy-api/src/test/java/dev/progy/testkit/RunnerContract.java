package dev.progy.testkit;

import dev.progy.error.UnsafePathException;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Diagnostic;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.RunResult.Termination;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.EnvironmentAllowlist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Runner} must do, whatever it runs on. Each scenario is a small POSIX {@code sh} script the
 * kit writes to {@code runner/check.sh} in a workspace laid out like a course (one exercise,
 * {@code content/01_basics/01_hello/exercise.sh}); a backend only says how it runs {@code sh runner/check.sh
 * {{exercise}}} in that workspace ({@link #specFor}). The scripts use nothing but {@code sh}, {@code echo},
 * {@code cat}, {@code env}, {@code test} and {@code sleep}, so busybox is enough inside a container.
 *
 * <p>A backend's test extends this class in a few lines and may add its own tests.
 */
public abstract class RunnerContract {

    /** Timeout of scenarios that should end at once (generous: a container may be slow to start). */
    protected static final Duration QUICK = Duration.ofSeconds(30);
    /** Timeout of scenarios that must hit it. */
    protected static final Duration SHORT = Duration.ofSeconds(2);
    /** How much later than its timeout a stopped run may return, and how long leftovers may take to die. */
    protected static final Duration SLACK = Duration.ofSeconds(8);

    @TempDir
    protected Path root;
    /** The workspace of the current test: where the scripts are written and the runner runs. */
    protected Path workspace;
    private Runner runner;

    /** The runner under test; called once per test, and closed after it. */
    protected abstract Runner runner();

    /**
     * The course runner that makes this backend run {@code sh <script> {{exercise}}} in the workspace, where
     * {@code script} is relative to the workspace root, e.g. {@code processSpec("sh", List.of(script,
     * "{{exercise}}"), limits)} on the host.
     */
    protected abstract RunnerSpec specFor(String script, RunnerSpec.Limits limits);

    /** Called once the workspace is written, before the run; e.g. to add a Dockerfile. */
    protected void prepareWorkspace(Path workspace) throws IOException { }

    /** Whether this JVM can see the run's processes (to prove that none is left behind). */
    protected boolean processesVisibleFromHost() {
        return true;
    }

    /** A runner entry of course.json with these fields and defaults for the rest. */
    protected static RunnerSpec spec(RunnerType type, String command, List<String> args, RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", type).command(command).args(args).limits(limits).build();
    }

    /** A {@code process} runner. */
    protected static RunnerSpec processSpec(String command, List<String> args, RunnerSpec.Limits limits) {
        return spec(RunnerType.PROCESS, command, args, limits);
    }

    @BeforeEach
    void openRunner() throws IOException {
        workspace = Files.createDirectories(root.resolve("workspace"));
        runner = runner();
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    @DisplayName("exit 0 passes, with stdout and stderr shown and heard as they arrive")
    void exitZeroPasses() throws IOException {
        Recording heard = new Recording();
        RunResult r = run("""
                echo "exercise=$1"
                test -f "content/$1" && echo "entry file found"
                echo "to stderr" >&2
                exit 0
                """, QUICK, Map.of(), heard);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.source()).isEqualTo(Source.EXIT_CODE);
        assertThat(r.exitCode()).hasValue(0);
        assertThat(r.output()).contains("exercise=01_basics/01_hello/exercise.sh", "entry file found", "to stderr");
        assertThat(heard.started).isTrue();
        assertThat(heard.finished.get()).isEqualTo(r);
        assertThat(heard.text()).isEqualTo(r.output());
    }

    @Test
    @DisplayName("a non-zero exit fails, with the output shown as it is")
    void nonZeroFails() throws IOException {
        RunResult r = run("echo 'expected 42, got 41'\nexit 1\n", QUICK);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.termination()).isEqualTo(Termination.NORMAL);
        assertThat(r.exitCode()).hasValue(1);
        assertThat(r.output()).isEqualTo("expected 42, got 41\n");
    }

    @Test
    @DisplayName("an SRP block gives the tests and diagnostics, and is cut from the output")
    void srpBlockRead() throws IOException {
        RunResult r = run("""
                echo compiling
                echo __SRP_BEGIN__
                echo '{"success": false, "summary": "1 of 2 passed",'
                echo ' "tests": [{"name": "adds", "status": "pass"}, {"name": "subtracts", "status": "fail", "message": "expected 1"}],'
                echo ' "diagnostics": [{"severity": "error", "message": "missing ;", "file": "exercise.sh", "line": 3}]}'
                echo __SRP_END__
                """, QUICK);
        assertThat(r.source()).isEqualTo(Source.SRP);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.summary()).isEqualTo("1 of 2 passed");
        assertThat(r.tests()).extracting(t -> t.name() + ":" + t.status()).containsExactly("adds:PASS", "subtracts:FAIL");
        assertThat(r.diagnostics()).extracting(Diagnostic::location).containsExactly("exercise.sh:3");
        assertThat(r.output()).isEqualTo("compiling\n");
    }

    @Test
    @DisplayName("a results.json written to $PROGY_OUTPUT_DIR decides the result")
    void resultsFileUsed() throws IOException {
        RunResult r = run("""
                test -d "$PROGY_OUTPUT_DIR" || { echo "no output dir"; exit 3; }
                cat > "$PROGY_OUTPUT_DIR/results.json" <<'EOF'
                {"version": 2, "status": "pass", "tests": [{"name": "greets", "status": "pass"}]}
                EOF
                exit 1
                """, QUICK);
        assertThat(r.source()).isEqualTo(Source.RESULTS_FILE);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.tests()).extracting(t -> t.name()).containsExactly("greets");
    }

    @Test
    @DisplayName("stdin is empty: a program reading it gets end of input at once")
    void stdinEmpty() throws IOException {
        RunResult r = run("if read line; then echo \"read: $line\"; else echo 'stdin is empty'; fi\n", QUICK);
        assertThat(r.termination()).isEqualTo(Termination.NORMAL);
        assertThat(r.output()).isEqualTo("stdin is empty\n");
    }

    @Test
    @DisplayName("an endless loop is stopped at the timeout and reported as a timeout")
    void endlessLoopTimesOut() throws IOException {
        long t0 = System.nanoTime();
        RunResult r = run("echo looping\nwhile :; do :; done\n", SHORT);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
        assertThat(r.summary()).isEqualTo("timed out after 2 s");
        assertThat(r.output()).contains("looping");
        assertThat(took).isGreaterThanOrEqualTo(SHORT).isLessThan(SHORT.plus(SLACK));
    }

    @Test
    @DisplayName("endless output is cut at 1 MiB, marked, and reported as an output limit")
    void endlessOutputCut() throws IOException {
        RunResult r = run("""
                line=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
                line="$line$line$line$line$line$line$line$line$line$line"
                while :; do echo "$line"; done
                """, QUICK);
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.outputTruncated()).isTrue();
        String marker = CappedOutput.marker(CappedOutput.OUTPUT_LIMIT_BYTES);
        assertThat(r.output()).endsWith(marker + "\n");
        assertThat(r.output().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(CappedOutput.OUTPUT_LIMIT_BYTES + marker.getBytes(StandardCharsets.UTF_8).length + 2);
    }

    @Test
    @DisplayName("a timeout kills every process the program started, even one whose parent died")
    void timeoutKillsTree() throws IOException {
        String marker = marker();
        AtomicBoolean seen = new AtomicBoolean(!processesVisibleFromHost());
        Recording heard = new Recording() {
            @Override
            public void output(String chunk) {
                super.output(chunk);
                if (chunk.contains("children started") && !seen.get()) {
                    seen.set(eventually(() -> processWith(marker), SLACK));
                }
            }
        };
        // a child, a grandchild, and a grandchild whose parent exits at once (re-parented, out of the tree)
        RunResult r = run("sleep " + marker + " &\nsh -c 'sleep " + marker + "; echo never' &\n"
                + "sh -c 'sleep " + marker + " &'\necho 'children started'\nwait\n", SHORT, Map.of(), heard);
        assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
        assertThat(seen).as("the run's processes were visible while it ran").isTrue();
        assertThat(eventually(() -> !processWith(marker), SLACK)).as("no process of the run is left").isTrue();
    }

    @Test
    @DisplayName("a background process left by a program that exited neither holds the run open nor survives it")
    void leftoversKilledAfterExit() throws IOException {
        String marker = marker();
        long t0 = System.nanoTime();
        RunResult r = run("sleep " + marker + " &\necho bye\nexit 0\n", QUICK);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.output()).isEqualTo("bye\n");
        assertThat(took).isLessThan(SLACK);
        assertThat(eventually(() -> !processWith(marker), SLACK)).as("the background process is gone").isTrue();
    }

    @Test
    @DisplayName("host variables outside the allowlist never reach course code; the run's own variables do")
    void hostSecretsInvisible() throws IOException {
        // any variable of this JVM outside the allowlist stands in for a secret (CI may set PROGY_TEST_SECRET)
        List<String> hostOnly = System.getenv().entrySet().stream()
                .filter(e -> !EnvironmentAllowlist.allowsFromHost(e.getKey()))
                .filter(e -> e.getValue().length() >= 8 && !e.getValue().contains("\n"))
                .filter(e -> !List.of("PWD", "OLDPWD", "SHLVL", "_", "HOSTNAME").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        Assumptions.assumeFalse(hostOnly.isEmpty(),
                "no host variable outside the allowlist to test with; set PROGY_TEST_SECRET=some-long-value");
        RunResult r = run("env\n", QUICK, Map.of("PROGY_TEST_VISIBLE", "seen-by-course-code"), new Recording());
        List<String> lines = r.output().lines().toList();
        assertThat(lines).contains("PROGY_TEST_VISIBLE=seen-by-course-code");
        assertThat(lines).doesNotContainAnyElementsOf(hostOnly);
    }

    @Test
    @DisplayName("a program may write files to /tmp (open to all), $HOME (its own) and $PROGY_OUTPUT_DIR, and keep a cache folder in $HOME")
    void writablePlaces() throws IOException {
        String m = marker();
        RunResult r = run(("""
                writes() {
                  if echo written > "$2/kit-%1$s" && test "$(cat "$2/kit-%1$s")" = written && rm "$2/kit-%1$s"; then
                    echo "$1 writable"
                  else
                    echo "$1 NOT writable: $(ls -ld "$2" 2>&1)"
                  fi
                }
                test -n "$HOME" || echo "HOME is not set"
                test "$HOME" != /tmp || echo "HOME is the shared /tmp"
                test "$(stat -c %%u "$HOME")" = "$(id -u)" || echo "HOME belongs to someone else: $(ls -ld "$HOME")"
                case "$(ls -ld /tmp)" in drwxrwxrwt*) ;; *) echo "/tmp is not open to all: $(ls -ld /tmp)";; esac
                writes /tmp /tmp
                writes HOME "$HOME"
                writes PROGY_OUTPUT_DIR "$PROGY_OUTPUT_DIR"
                if mkdir -p "$HOME/.kit-%1$s/cache/tool" && echo entry > "$HOME/.kit-%1$s/cache/tool/entry" \
                    && rm -r "$HOME/.kit-%1$s"; then echo "cache kept in HOME"; fi
                """).formatted(m), QUICK);
        assertThat(r.output()).as(r.output()).contains("/tmp writable", "HOME writable", "PROGY_OUTPUT_DIR writable",
                "cache kept in HOME").doesNotContain("NOT writable", "HOME is", "HOME belongs", "/tmp is not");
        assertThat(r.status()).as(r.output()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("javac compiles a program with its class files in /tmp, and java runs it from there")
    void javacWritesToTmp() throws IOException {
        RunResult r = run(Toolchain.JDK, """
                d=$(mktemp -d /tmp/kit-java.XXXXXX) || exit 2
                mkdir "$d/src"
                cat > "$d/src/Hello.java" <<'EOF'
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("compiled and ran " + args[0]);
                    }
                }
                EOF
                javac -d "$d/classes" "$d/src/Hello.java" && java -cp "$d/classes" Hello "in /tmp"
                status=$?
                rm -rf "$d"
                exit $status
                """);
        assertThat(r.output()).as(r.output()).contains("compiled and ran in /tmp");
        assertThat(r.status()).as(r.output()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a Python program makes temporary files and folders with tempfile, and writes under ~")
    void pythonTempfile() throws IOException {
        String m = marker();
        RunResult r = run(Toolchain.PYTHON, ("""
                python3 - <<'EOF'
                import os, shutil, tempfile
                with tempfile.NamedTemporaryFile("w+") as f:
                    f.write("kept")
                    f.flush()
                    f.seek(0)
                    print("temporary file holds", f.read())
                folder = tempfile.mkdtemp()
                open(os.path.join(folder, "inside"), "w").write("x")
                shutil.rmtree(folder)
                print("temporary folder made and removed")
                cache = os.path.join(os.path.expanduser("~"), ".kit-%s", "cache")
                os.makedirs(cache)
                open(os.path.join(cache, "entry"), "w").write("x")
                shutil.rmtree(os.path.dirname(cache))
                print("cache kept in home")
                EOF
                """).formatted(m));
        assertThat(r.output()).as(r.output()).contains("temporary file holds kept",
                "temporary folder made and removed", "cache kept in home");
        assertThat(r.status()).as(r.output()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("placeholder values with '..' are refused before anything runs")
    void dotDotRefused() throws IOException {
        writeWorkspace("echo ran\n");
        Exercise escaping = exercise("..", "01_hello");
        RunRequest request = new RunRequest(course(escaping), escaping,
                specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT.withTimeout(QUICK)), workspace, QUICK, Map.of());
        assertThatThrownBy(() -> runner.run(request)).isInstanceOf(UnsafePathException.class);
    }

    // ---- the course, the workspace and the run ----

    /** A language toolchain a course's checker may need, with the public image a container course starts FROM. */
    protected enum Toolchain {
        /** {@code javac} and {@code java} of a JDK 17. */
        JDK("eclipse-temurin:17-jdk"),
        /** {@code python3}. */
        PYTHON("python:3.11-slim");

        private final String image;

        Toolchain(String image) {
            this.image = image;
        }

        /** The image of a container course using it (scripts/engines.sh makes stand-ins under these names). */
        public String image() {
            return image;
        }

        /**
         * A Dockerfile {@code FROM} {@link #image()}, relative to the course root, e.g. {@code jdk.Dockerfile}; the
         * kit writes it before each run with this toolchain, for {@link #dockerfileSpec}.
         */
        public String dockerfile() {
            return name().toLowerCase(Locale.ROOT) + ".Dockerfile";
        }
    }

    /**
     * The course runner that runs {@code sh <script> {{exercise}}} where {@code toolchain}'s programs are on the
     * {@code PATH}: a container backend runs it in {@link Toolchain#image()}; by default {@link #specFor}, for a
     * backend that uses the machine's own programs.
     */
    protected RunnerSpec specWith(Toolchain toolchain, String script, RunnerSpec.Limits limits) {
        return specFor(script, limits);
    }

    /** A {@code docker-file} runner of {@code sh <script> {{exercise}}} built from {@code dockerfile} in the course root. */
    protected static RunnerSpec dockerfileSpec(String dockerfile, String script, RunnerSpec.Limits limits) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh").args(List.of(script, "{{exercise}}"))
                .dockerfile(dockerfile).limits(limits).build();
    }

    /** Runs {@code script} as the course's check script with {@code toolchain} at hand. */
    protected RunResult run(Toolchain toolchain, String script) throws IOException {
        writeWorkspace(script);
        Path courseRoot = Files.createDirectories(root.resolve("course"));
        Files.writeString(courseRoot.resolve(toolchain.dockerfile()), "FROM " + toolchain.image() + "\n");
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec spec = specWith(toolchain, "runner/check.sh", RunnerSpec.Limits.DEFAULT.withTimeout(QUICK));
        return runner.run(new RunRequest(course(hello), hello, spec, workspace, QUICK, Map.of()), new Recording());
    }

    /** Runs {@code script} as the course's check script, heard by nobody. */
    protected RunResult run(String script, Duration timeout) throws IOException {
        return run(script, timeout, Map.of(), new Recording());
    }

    /** Runs {@code script} as the course's check script of exercise {@code 01_basics/01_hello}. */
    protected RunResult run(String script, Duration timeout, Map<String, String> extraEnv, RunListener listener)
            throws IOException {
        writeWorkspace(script);
        Exercise hello = exercise("01_basics", "01_hello");
        RunnerSpec spec = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT.withTimeout(timeout));
        return runner.run(new RunRequest(course(hello), hello, spec, workspace, timeout, extraEnv), listener);
    }

    /** Writes the course's files into the workspace, with {@code script} as {@code runner/check.sh}. */
    protected void writeWorkspace(String script) throws IOException {
        Files.createDirectories(workspace.resolve("runner"));
        Files.writeString(workspace.resolve("runner/check.sh"), script);
        Path exerciseDir = Files.createDirectories(workspace.resolve("content/01_basics/01_hello"));
        Files.writeString(exerciseDir.resolve("exercise.sh"), "echo hello\n");
        Files.writeString(workspace.resolve("course.json"),
                "{\"id\": \"kit\", \"name\": \"Kit\", \"runners\": [{\"id\": \"check\", \"command\": \"sh\"}]}\n");
        prepareWorkspace(workspace);
    }

    /** An exercise of the kit's course. */
    protected static Exercise exercise(String module, String dir) {
        return new Exercise(module + "/" + dir, module, dir, "Hello", Exercise.DEFAULT_XP, "", List.of(), List.of(),
                List.of(), "exercise.sh", Optional.empty(), Optional.empty());
    }

    /** The kit's course, holding {@code exercise}, with its pristine copy beside the workspace. */
    protected Course course(Exercise exercise) {
        Path courseRoot = root.resolve("course");
        RunnerSpec spec = specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT);
        CourseModule module = new CourseModule(exercise.moduleDir(), "Basics", "", "", List.of(), List.of(exercise));
        return new Course("kit", "Kit", "1.0.0", "", courseRoot, courseRoot.resolve("content"), List.of(spec),
                Progression.DEFAULT, Setup.NONE, List.of(module));
    }

    /** A number no other process on this machine has in its command line. */
    protected static String marker() {
        return "7" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }

    protected static boolean processWith(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
    }

    /** Polls {@code condition} until it holds or {@code within} has passed. */
    protected static boolean eventually(BooleanSupplier condition, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A listener that remembers what it heard. */
    protected static class Recording implements RunListener {
        /** Makes a listener that has heard nothing yet. */
        public Recording() { }

        final List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        volatile boolean started;
        final AtomicReference<RunResult> finished = new AtomicReference<>();

        @Override
        public void started(RunRequest request) {
            started = true;
        }

        @Override
        public void output(String chunk) {
            chunks.add(chunk);
        }

        @Override
        public void finished(RunResult result) {
            finished.set(result);
        }

        /** Everything heard, joined. */
        public String text() {
            synchronized (chunks) {
                return String.join("", chunks);
            }
        }
    }
}
