package dev.progy.testkit;

import dev.progy.error.UnsafePathException;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.RunResult.Termination;
import dev.progy.model.RunnerSpec;
import dev.progy.model.Setup;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.sandbox.EnvironmentAllowlist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adversarial suite every container runner must survive: course code written by a stranger tries to break out
 * of the sandbox, exhaust the machine or read the student's secrets. Each case must end with the right typed
 * result, the host untouched (every file of the workspace outside the exercise folder byte for byte the same, no
 * file appearing on the host) and, after the run, no container of the run left on the engine.
 *
 * <p>The kit's course ({@value #COURSE}) has a {@code Dockerfile} in its root, {@code FROM} {@link #baseImage()},
 * which adds a setuid-root copy of busybox at {@code /opt/suid/busybox}; {@link #specFor} must return a
 * {@code docker-file} runner without {@code image_tag}, so the runner builds that image (once: its context
 * never changes). Scripts use busybox applets only.
 */
public abstract class SandboxAttackContract {

    /** The kit course's id; every container of these tests carries it as {@code dev.progy.course}. */
    protected static final String COURSE = "attack";
    /** Timeout of cases that should end by themselves. */
    private static final Duration QUICK = Duration.ofSeconds(30);
    /** The limits of the disk cases: 16 MiB may be written. */
    private static final RunnerSpec.Limits DISK_LIMITED = new RunnerSpec.Limits(QUICK, 512, 1.0, 128, 16);
    /** Timeout of cases that never end by themselves. */
    private static final Duration SHORT = Duration.ofSeconds(3);

    @TempDir
    protected Path root;
    private Path workspace;
    private Path courseRoot;
    private Runner runner;
    private Map<String, String> before;

    /** The runner under test; called once per test, and closed after it. */
    protected abstract Runner runner();

    /** A {@code docker-file} runner (no {@code image_tag}) running {@code sh <script> {{exercise}}}. */
    protected abstract RunnerSpec specFor(String script, RunnerSpec.Limits limits);

    /** The local image the kit's Dockerfile starts from, e.g. {@code progy/busybox:test}. */
    protected abstract String baseImage();

    /** Names of the containers labelled {@code dev.progy.course=}{@value #COURSE} on the engine, stopped ones too. */
    protected abstract List<String> containersOfCourse();

    @BeforeEach
    void writeCourse() throws IOException {
        courseRoot = Files.createDirectories(root.resolve("course"));
        // a setuid-root binary in the image: with no-new-privileges it must not raise the run's privileges
        Files.writeString(courseRoot.resolve("Dockerfile"), "FROM " + baseImage() + "\n"
                + "RUN mkdir -p /opt/suid && cp /bin/busybox /opt/suid/busybox && chmod 4755 /opt/suid/busybox\n");
        workspace = Files.createDirectories(root.resolve("workspace"));
        Files.writeString(workspace.resolve("course.json"),
                "{\"id\": \"" + COURSE + "\", \"name\": \"Attack\", \"runners\": [{\"id\": \"check\", \"command\": \"sh\"}]}\n");
        Files.createDirectories(workspace.resolve("runner"));
        Path exercise = Files.createDirectories(workspace.resolve("content/01_basics/01_hello"));
        Files.writeString(exercise.resolve("exercise.sh"), "echo hello\n");
        Files.writeString(root.resolve("secret.txt"), "TOP-SECRET-" + RunnerContract.marker() + "\n");
        runner = runner();
    }

    @AfterEach
    void nothingLeft() {
        runner.close();
        assertThat(RunnerContract.eventually(() -> containersOfCourse().isEmpty(), Duration.ofSeconds(10)))
                .as("no container of the run is left: %s", containersOfCourse()).isTrue();
    }

    @Test
    @DisplayName("a fork bomb meets the pids limit: the run ends by its timeout at the latest, never passes, and the host can still start processes")
    void forkBomb() throws IOException {
        long t0 = System.nanoTime();
        // the shell then waits in a builtin loop: forking sleep could fail once the bomb holds every allowed pid
        RunResult r = attack("bomb() { bomb | bomb & }\nbomb\nwhile :; do :; done\n", SHORT);
        String shown = r.termination() + " " + r.status() + ": " + r.summary() + "\n" + r.output();
        // usually the timeout; the bomb may also take down the shell itself when no pid is left for it to fork
        assertThat(r.termination()).as(shown).isIn(Termination.TIMEOUT, Termination.NORMAL);
        assertThat(r.status()).as(shown).isNotEqualTo(Status.PASS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SHORT.plusSeconds(15));
        assertHostCanStartProcesses();
    }

    @Test
    @DisplayName("a memory hog is stopped at the memory limit and reported as out of memory")
    void memoryHog() throws IOException {
        RunResult r = attack("x=$(head -c 400000000 /dev/zero | tr '\\0' x)\necho \"held ${#x} bytes\"\n",
                QUICK, new RunnerSpec.Limits(QUICK, 64, 1.0, 128));
        assertThat(r.termination()).isEqualTo(Termination.OUT_OF_MEMORY);
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.output()).doesNotContain("held 400000000 bytes");
    }

    @Test
    @DisplayName("a child killed for memory is reported as out of memory, though the program outlives it and exits 0 or 1")
    void childOutOfMemory() throws IOException {
        for (int exit : new int[]{0, 1}) {
            // the child (a subshell holding 400 MB) is killed; the program's first process carries on and ends well
            RunResult r = attack("sh -c 'x=$(head -c 400000000 /dev/zero | tr \"\\0\" x); echo \"held ${#x} bytes\"'\n"
                    + "echo \"child ended with $?\"\necho 'attack blocked'\nexit " + exit + "\n",
                    QUICK, new RunnerSpec.Limits(QUICK, 64, 1.0, 128));
            String shown = r.termination() + " " + r.status() + ": " + r.summary() + "\n" + r.output();
            assertThat(r.output()).as(shown).contains("attack blocked").doesNotContain("held 400000000 bytes");
            assertThat(r.termination()).as(shown).isEqualTo(Termination.OUT_OF_MEMORY);
            assertThat(r.status()).as(shown).isEqualTo(Status.ERROR);
            assertThat(r.summary()).as(shown).isEqualTo("ran out of memory (64 MiB)");
        }
    }

    @Test
    @DisplayName("endless output is cut at the output limit")
    void endlessOutput() throws IOException {
        RunResult r = attack("yes 'spam spam spam spam spam spam spam spam'\n", QUICK);
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.outputTruncated()).isTrue();
    }

    @Test
    @DisplayName("writing endlessly to the output folder is stopped at the disk limit, long before the timeout")
    void endlessWritesToOutputFolder() throws IOException {
        long t0 = System.nanoTime();
        RunResult r = attack("echo writing\ncat /dev/zero > \"$PROGY_OUTPUT_DIR/results.json\"\necho 'attack blocked'\n",
                QUICK, DISK_LIMITED);
        assertWroteTooMuch(r, t0);
    }

    @Test
    @DisplayName("writing endlessly into the exercise folder is stopped at the disk limit, and the disk keeps its space")
    void endlessWritesToExerciseFolder() throws IOException {
        // writable by the container's user whoever runs the tests (as root, the container runs as nobody)
        Files.setPosixFilePermissions(workspace.resolve("content/01_basics/01_hello"),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        long t0 = System.nanoTime();
        RunResult r = attack("cd \"$(dirname \"content/$1\")\"\necho writing\n"
                + "i=0\nwhile :; do i=$((i+1)); head -c 1048576 /dev/zero > \"junk-$i\" || exit 3; done\n",
                QUICK, DISK_LIMITED);
        assertWroteTooMuch(r, t0);
        long left;
        try (Stream<Path> files = Files.walk(workspace.resolve("content/01_basics/01_hello"))) {
            left = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        // the limit plus what a fast writer adds between two looks: far from the disk's size
        assertThat(left).as("bytes left in the exercise folder").isLessThan(1L << 30);
    }

    @Test
    @DisplayName("a run that writes a little under the disk limit and a results file is not stopped")
    void writingUnderTheDiskLimitIsFine() throws IOException {
        RunResult r = attack("cd \"$(dirname \"content/$1\")\"\nhead -c 4000000 /dev/zero > data.bin\n"
                + "printf '{\"version\": 1, \"status\": \"pass\"}' > \"$PROGY_OUTPUT_DIR/results.json\"\n",
                QUICK, DISK_LIMITED);
        assertThat(r.termination()).as(r.summary() + "\n" + r.output()).isEqualTo(Termination.NORMAL);
        assertThat(r.source()).isEqualTo(Source.RESULTS_FILE);
        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("sleeping forever is stopped at the timeout")
    void sleepForever() throws IOException {
        long t0 = System.nanoTime();
        RunResult r = attack("echo sleeping\nsleep 100000\n", SHORT);
        assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SHORT.plusSeconds(10));
    }

    @Test
    @DisplayName("writes to /, /etc, the workspace root and beside the exercise folder are all refused")
    void writesOutsideRefused() throws IOException {
        RunResult r = attack("""
                for t in /pwned /etc/pwned /etc/passwd /usr/pwned /workspace/pwned /workspace/course.json \\
                         /workspace/content/pwned /workspace/runner/check.sh ../pwned ../../pwned; do
                  if (echo pwned >> "$t") 2>/dev/null; then echo "WROTE $t"; else echo "refused $t"; fi
                done
                if mkdir /workspace/escape 2>/dev/null; then echo "WROTE /workspace/escape"; fi
                """, QUICK);
        assertThat(r.output()).doesNotContain("WROTE").contains("refused /pwned", "refused /etc/passwd",
                "refused /workspace/course.json", "refused ../pwned");
        assertThat(r.termination()).isEqualTo(Termination.NORMAL);
    }

    @Test
    @DisplayName("a link planted in the exercise folder to a host file shows nothing of the host file")
    void plantedLinkShowsNothing() throws IOException {
        Path exercise = workspace.resolve("content/01_basics/01_hello");
        Files.createSymbolicLink(exercise.resolve("leak"), root.resolve("secret.txt"));
        Files.createSymbolicLink(exercise.resolve("leakdir"), root);
        RunResult r = attack("cd \"$(dirname \"content/$1\")\"\ncat leak; ls leakdir; cat leakdir/secret.txt; cat /etc/shadow\n"
                + "echo done\n", QUICK);
        assertThat(r.output()).contains("done").doesNotContain("TOP-SECRET");
    }

    @Test
    @DisplayName("a results file linked to a host file is ignored, and its content never shown")
    void linkedResultsFileIgnored() throws IOException {
        RunResult r = attack("ln -s '" + root.resolve("secret.txt") + "' \"$PROGY_OUTPUT_DIR/results.json\" && echo linked\n"
                + "exit 1\n", QUICK);
        assertThat(r.source()).isNotEqualTo(Source.RESULTS_FILE);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.summary() + r.output()).doesNotContain("TOP-SECRET");
    }

    @Test
    @DisplayName("links planted in the output folder to host files and folders: cleaning up never touches their targets")
    void plantedOutputLinksHarmless() throws IOException {
        Path victims = Files.createDirectories(root.resolve("victims"));
        Files.writeString(victims.resolve("keep.txt"), "precious\n");
        Path victimDir = Files.createDirectories(victims.resolve("dir"));
        Files.writeString(victimDir.resolve("inside.txt"), "precious too\n");
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r-x------");
        Files.setPosixFilePermissions(victimDir, readOnly);
        String script = "cd \"$PROGY_OUTPUT_DIR\"\nln -s '" + victims.resolve("keep.txt") + "' file-link\n"
                + "ln -s '" + victimDir + "' dir-link\nmkdir -p sub && chmod 000 sub\nln -s / root-link\necho planted\n";
        // twice: a runner that reuses its output folder empties it before the second run
        assertThat(attack(script, QUICK).output()).contains("planted");
        assertThat(attack(script, QUICK).output()).contains("planted");
        assertThat(victims.resolve("keep.txt")).hasContent("precious");
        assertThat(victimDir.resolve("inside.txt")).hasContent("precious too");
        assertThat(Files.getPosixFilePermissions(victimDir)).as("a linked folder's permissions").isEqualTo(readOnly);
    }

    @Test
    @DisplayName("an exercise folder that is a link out of the workspace is refused before anything runs")
    void linkedExerciseFolderRefused() throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(workspace.resolve("content/01_basics/02_link"), outside);
        Files.writeString(workspace.resolve("runner/check.sh"), "echo ran\n");
        Exercise linked = RunnerContract.exercise("01_basics", "02_link");
        assertThatThrownBy(() -> runner.run(request(linked, QUICK, limits(QUICK))))
                .isInstanceOf(UnsafePathException.class);
    }

    @Test
    @DisplayName("exercise ids with '../' or shell metacharacters are refused, and nothing they name happens")
    void hostileIdsRefused() throws IOException {
        Files.writeString(workspace.resolve("runner/check.sh"), "echo ran\n");
        Path proof = root.resolve("pwned");
        for (String[] id : List.of(new String[]{"../..", "01_hello"}, new String[]{"01_basics", "../../.."},
                new String[]{"01_basics", "01_hello;touch " + proof}, new String[]{"01_basics", "$(touch " + proof + ")"},
                new String[]{"01_basics", "`touch " + proof + "`"}, new String[]{"01_basics|touch " + proof, "01_hello"})) {
            Exercise hostile = RunnerContract.exercise(id[0], id[1]);
            assertThatThrownBy(() -> runner.run(request(hostile, QUICK, limits(QUICK))))
                    .as("exercise %s/%s", id[0], id[1]).isInstanceOf(UnsafePathException.class);
        }
        assertThat(proof).doesNotExist();
    }

    @Test
    @DisplayName("an outbound connection finds no network at all")
    void outboundConnectionFails() throws IOException {
        RunResult r = attack("""
                if nc -w 2 1.1.1.1 53 </dev/null 2>/dev/null; then echo CONNECTED; else echo 'no connection'; fi
                if wget -q -T 2 -O - http://example.com/ >/dev/null 2>&1; then echo CONNECTED; else echo 'no download'; fi
                echo "interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')"
                """, QUICK);
        assertThat(r.output()).doesNotContain("CONNECTED").contains("no connection", "no download", "interfaces: lo \n");
    }

    @Test
    @DisplayName("a setuid-root binary in the image runs without raising privileges")
    void setuidGivesNothing() throws IOException {
        RunResult r = attack("""
                ls -l /opt/suid/busybox
                echo "euid: $(/opt/suid/busybox id -u)"
                grep -E '^(NoNewPrivs|CapEff|CapPrm)' /proc/self/status
                if /opt/suid/busybox touch /etc/pwned 2>/dev/null; then echo WROTE; fi
                """, QUICK);
        assertThat(r.output()).contains("-rwsr-xr-x", "NoNewPrivs:\t1", "CapEff:\t0000000000000000")
                .doesNotContain("euid: 0\n", "WROTE");
        assertThat(r.output()).containsPattern("euid: [1-9][0-9]*\n");
    }

    @Test
    @DisplayName("a probe of the environment, of process 1 and of the file system finds no host secret")
    void environmentProbeFindsNoSecret() throws IOException {
        List<String> secrets = System.getenv().entrySet().stream()
                .filter(e -> !EnvironmentAllowlist.allowsFromHost(e.getKey()))
                .filter(e -> e.getValue().length() >= 8 && !e.getValue().contains("\n"))
                .filter(e -> !List.of("PWD", "OLDPWD", "SHLVL", "_", "HOSTNAME").contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        RunResult r = attack("""
                env
                tr '\\0' '\\n' < /proc/1/environ
                cat /workspace/.progy/* /workspace/.git/config 2>/dev/null
                ls -a /workspace/.progy /workspace/.git 2>/dev/null
                ls /root /home 2>/dev/null
                echo probed
                """, QUICK);
        assertThat(r.output()).contains("probed").doesNotContain("TOP-SECRET");
        assertThat(secrets).allSatisfy(s -> assertThat(r.output()).doesNotContain(s));
    }

    // ---- the attack and the host's state ----

    /** Runs {@code script} as the course's check script and checks the host is untouched afterwards. */
    private RunResult attack(String script, Duration timeout) throws IOException {
        return attack(script, timeout, limits(timeout));
    }

    private RunResult attack(String script, Duration timeout, RunnerSpec.Limits limits) throws IOException {
        Files.writeString(workspace.resolve("runner/check.sh"), script);
        // a workspace state folder and a backup's git config: both must stay hidden from course code
        Files.createDirectories(workspace.resolve(".progy"));
        Files.writeString(workspace.resolve(".progy/workspace.json"), "{\"token\": \"TOP-SECRET-progress\"}\n");
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve(".git/config"), "[remote \"origin\"]\n\turl = https://TOP-SECRET@example.com/x\n");
        before = snapshotOutsideExercise();
        Exercise hello = RunnerContract.exercise("01_basics", "01_hello");
        RunResult r = runner.run(request(hello, timeout, limits));
        assertThat(snapshotOutsideExercise()).as("the workspace outside the exercise folder").isEqualTo(before);
        assertThat(root.resolve("pwned")).doesNotExist();
        return r;
    }

    private RunRequest request(Exercise exercise, Duration timeout, RunnerSpec.Limits limits) {
        RunnerSpec spec = specFor("runner/check.sh", limits);
        CourseModule module = new CourseModule(exercise.moduleDir(), "Basics", "", "", List.of(), List.of(exercise));
        Course course = new Course(COURSE, "Attack", "1.0.0", "", courseRoot, courseRoot.resolve("content"),
                List.of(spec), Progression.DEFAULT, Setup.NONE, List.of(module));
        return new RunRequest(course, exercise, spec, workspace, timeout, Map.of());
    }

    private static RunnerSpec.Limits limits(Duration timeout) {
        return RunnerSpec.Limits.DEFAULT.withTimeout(timeout);
    }

    /** Path → SHA-256 of every file under the root folder of the test except the exercise folder. */
    private Map<String, String> snapshotOutsideExercise() throws IOException {
        Path exercise = workspace.resolve("content/01_basics/01_hello");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.startsWith(exercise) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                files.put(root.relativize(p).toString(), Files.isSymbolicLink(p)
                        ? "link to " + Files.readSymbolicLink(p) : sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWroteTooMuch(RunResult r, long t0) {
        String shown = r.termination() + " " + r.status() + ": " + r.summary() + "\n" + r.output();
        assertThat(r.termination()).as(shown).isEqualTo(Termination.DISK_LIMIT);
        assertThat(r.status()).as(shown).isEqualTo(Status.ERROR);
        assertThat(r.summary()).as(shown).isEqualTo("wrote too much (limit 16 MiB)");
        assertThat(r.output()).as(shown).contains("writing").doesNotContain("attack blocked");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("time to stop it").isLessThan(QUICK.dividedBy(2));
    }

    private static void assertHostCanStartProcesses() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
