package dev.progy.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident helper, through the real launcher script as a user types {@code progy}: the second {@code run} or
 * {@code list} with the same working folder and environment starts one, the next are served by it and say what a JVM
 * of their own says, and anything else (another environment, a pipe, {@code PROGY_HELPER=off}, a folder not the
 * user's own) gets a JVM of its own. A Ctrl-C or a killed caller stops the run's processes as it does without one.
 * Terminals come from {@code script} (util-linux), so the launcher sees a real one.
 */
class ResidentHelperTest {
    @TempDir
    Path tmp;
    private Path launcher;
    private Path ws;
    private Path slot;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        launcher = bin.resolve("progy");
        Files.copy(Path.of("src/main/launcher/progy"), launcher);
        launcher.toFile().setExecutable(true);
        writeJar(bin.resolve("progy.jar"));
        ShellCourse.write(tmp.resolve("course"), 120, """
                echo "checking $1"
                if grep -q slow "content/$1"; then sleep 120; fi
                grep -q solved "content/$1"
                """, "01_first", "02_second");
        assertThat(new CliHarness(tmp).run("init", tmp.resolve("course").toString(), "ws").code()).isZero();
        ws = tmp.resolve("ws");
        Path runtime = Files.createDirectory(tmp.resolve("runtime"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        slot = runtime.resolve("progy-helper");
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("PROGY_HELPER_IDLE", "60");
    }

    @Test
    @DisplayName("the second list starts a helper; later list and run are served by it and print what a JVM prints")
    void servedCallsSayWhatAJvmSays() throws Exception {
        Printed first = inTerminal("list");
        assertThat(first.code()).as(first.text()).isZero();
        assertThat(first.text()).contains("01_basics/01_first");
        inTerminal("list");
        long helper = awaitHelper();
        assertThat(inTerminal("doctor").text()).as("doctor, in a JVM of its own")
                .contains("resident helper: running (pid " + helper + ") for " + ws.toRealPath());

        Printed served = inTerminal("list");
        assertThat(served.code()).isZero();
        assertThat(served.text()).isEqualTo(first.text());
        assertThat(log()).contains("served list: exit 0");
        Printed many = inTerminal("sh", "-c", "i=0; while [ $i -lt 20 ]; do \"$0\" list; i=$((i+1)); done");
        assertThat(many.text()).as("20 calls in a row, each printing all of its output")
                .isEqualTo(first.text().repeat(20));
        assertThat(log()).as("the helper's log").doesNotContain("stopped");


        Printed run = inTerminal("run", "01_basics/01_first");
        assertThat(run.code()).as(run.text()).isEqualTo(1);
        assertThat(run.text()).contains("checking 01_basics/01_first/exercise.py").contains("failed");
        Printed unknown = inTerminal("run", "01_basics/99_nope");
        assertThat(unknown.code()).as(unknown.text()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(unknown.text()).contains("error:");
        assertThat(log()).contains("served run: exit 1").contains("served run: exit " + ExitCode.USER_ERROR);

        Files.writeString(ws.resolve("content/01_basics/01_first/exercise.py"), "solved\n");
        Printed passed = inTerminal("run", "01_basics/01_first");
        assertThat(passed.code()).as(passed.text()).isZero();
        assertThat(inTerminal("list").text()).as("the progress the served run recorded").contains("1 of 2 exercises passed");
    }

    @Test
    @DisplayName("a caller whose output is still on the helper's FIFO after its call gets its output all the same")
    void outputIsOpenedOnlyOnceTheCallerHasItBack() throws Exception {
        Printed first = inTerminal("list");
        inTerminal("list");
        awaitHelper();
        // the launcher's way of calling, its output kept on the FIFO 300 ms past the call's last byte (a launcher
        // descheduled right after writing its call, before its shell puts its output back)
        String caller = """
                slot=$1; shift
                exec 3<"$slot/reply" 4<&0 5>&1 6>&2
                { printf 'progy-call-1\\0%s\\0%s\\0%s\\0%s\\0' "$$" 1 "$PWD" "$#"; printf '%s\\0' "$@"; env -0; printf '\\0'; sleep 0.3; } 1<>"$slot/calls"
                read -r rpid code <&3
                echo "exit $code"
                """;
        Files.writeString(tmp.resolve("caller.sh"), caller);
        Printed slow = inTerminal("sh", tmp.resolve("caller.sh").toString(), slot.toString(), "list");
        assertThat(slow.text()).isEqualTo(first.text() + "exit 0\n");
        assertThat(log()).as("the helper's log").doesNotContain("stopped");
    }

    @Test
    @DisplayName("a served run asks its question on the caller's terminal and reads the answer typed there")
    void aServedRunAsksOnTheCallersTerminal() throws Exception {
        Path course = ws.resolve(".progy/course/course.json");
        course.toFile().setWritable(true);
        Files.writeString(course, Files.readString(course).replace("\"timeout_seconds\"", "\"network_access\": true, \"timeout_seconds\""));
        inTerminal("list");
        inTerminal("list");
        awaitHelper();
        Printed asked = typedInTerminal("y\n", "run", "01_basics/01_first");
        assertThat(asked.text()).contains("Allow network access for this course? [y/N]")
                .contains("checking 01_basics/01_first/exercise.py");
        assertThat(log()).contains("served run: exit 1");
        assertThat(inTerminal("run", "01_basics/01_first").text()).as("the answer, recorded")
                .doesNotContain("Allow network access").contains("checking 01_basics/01_first/exercise.py");
    }

    @Test
    @DisplayName("a call with another environment gets a JVM of its own, and the helper stops")
    void anotherEnvironmentIsNotServed() throws Exception {
        inTerminal("list");
        inTerminal("list");
        long helper = awaitHelper();
        env.put("HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET", "x".repeat(17));
        assertThat(inTerminal("list").code()).isZero();
        assertThat(log()).as("hyperfine's padding, a new length each run, changes nothing").contains("served list");
        env.put("NO_COLOR", "1");
        Printed other = inTerminal("list");
        assertThat(other.code()).isZero();
        assertThat(other.text()).contains("01_basics/01_first");
        assertThat(log()).contains("not served (list): the environment differs (NO_COLOR)");
        awaitGone(helper);
        assertThat(slot.resolve("pid")).doesNotExist();
    }

    @Test
    @DisplayName("output to a pipe and PROGY_HELPER=off never go through a helper, and off starts none")
    void pipesAndOffGetAJvm() throws Exception {
        inTerminal("list");
        inTerminal("list");
        awaitHelper();
        Process piped = start(List.of("list"), ProcessBuilder.Redirect.PIPE);
        String out = new String(piped.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(piped.waitFor()).isZero();
        assertThat(out).contains("01_basics/01_first");
        assertThat(log()).doesNotContain("served list");

        Path other = Files.createDirectory(tmp.resolve("runtime2"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        env.put("XDG_RUNTIME_DIR", other.toString());
        env.put("PROGY_HELPER", "off");
        for (int i = 0; i < 3; i++) {
            assertThat(inTerminal("list").code()).isZero();
        }
        assertThat(other.resolve("progy-helper")).doesNotExist();
    }

    @Test
    @DisplayName("a helper folder others can enter is never used")
    void aFolderOthersCanEnterIsRefused() throws Exception {
        Files.createDirectory(slot, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        for (int i = 0; i < 3; i++) {
            assertThat(inTerminal("list").code()).isZero();
        }
        Thread.sleep(1500); // a helper started by the second call would have written its pid by now
        assertThat(slot.resolve("pid")).doesNotExist();
        assertThat(slot.resolve("calls")).doesNotExist();
    }

    @Test
    @DisplayName("Ctrl-C during a served run stops the check's processes before the command returns 130")
    void ctrlCStopsTheRun() throws Exception {
        SlowRun slow = slowServedRun();
        Process progy = slow.progy();
        long helper = slow.helper();
        signal("INT", progy.pid());
        assertThat(progy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(progy.exitValue()).isEqualTo(130);
        assertThat(checks()).as("the check's processes, once the command returned").isEmpty();
        awaitGone(helper);
    }

    @Test
    @DisplayName("Ctrl-Z during a served run stops the helper too, and fg lets it go on")
    void ctrlZStopsTheHelperToo() throws Exception {
        SlowRun slow = slowServedRun();
        signal("TSTP", slow.progy().pid());
        awaitState(slow.helper(), 'T');
        awaitState(slow.progy().pid(), 'T');
        signal("CONT", slow.progy().pid());
        awaitState(slow.helper(), 'S');
        assertThat(checks()).as("the check goes on").isNotEmpty();
        signal("INT", slow.progy().pid());
        assertThat(slow.progy().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.progy().exitValue()).isEqualTo(130);
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
    }

    /** Waits until the process's state ({@code /proc/<pid>/stat}: T stopped, S sleeping, R running) is {@code state}. */
    private static void awaitState(long pid, char state) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        await(() -> "pid " + pid + " in state " + state + ": " + Files.readString(stat), () -> {
            String now = Files.readString(stat);
            char is = now.charAt(now.lastIndexOf(')') + 2);
            return is == state || state == 'S' && is == 'R';
        });
    }

    @Test
    @DisplayName("a caller killed during a served run stops the run's processes too")
    void killedCallerStopsTheRun() throws Exception {
        SlowRun slow = slowServedRun();
        Process progy = slow.progy();
        long helper = slow.helper();
        progy.destroyForcibly();
        awaitGone(helper);
        await(() -> "the check's processes end: " + checks(), () -> checks().isEmpty());
        assertThat(log()).contains("went away during run");
    }

    @Test
    @DisplayName("a helper unused for PROGY_HELPER_IDLE seconds stops and leaves no FIFO behind")
    void idleHelperStops() throws Exception {
        env.put("PROGY_HELPER_IDLE", "1");
        inTerminal("list");
        inTerminal("list");
        long helper = awaitHelper();
        awaitGone(helper);
        assertThat(log()).contains("stopped: unused for 1 s");
        assertThat(slot.resolve("calls")).doesNotExist();
        assertThat(slot.resolve("pid")).doesNotExist();
    }

    record SlowRun(Process progy, long helper) { }

    /** A run of an exercise whose check sleeps, served by a helper, once its check has started. */
    private SlowRun slowServedRun() throws Exception {
        Files.writeString(ws.resolve("content/01_basics/02_second/exercise.py"), "slow\n");
        inTerminal("list");
        inTerminal("list");
        long helper = awaitHelper();
        Process progy = start(List.of("run", "01_basics/02_second"), ProcessBuilder.Redirect.to(new File("/dev/null")));
        awaitCheck();
        return new SlowRun(progy, helper);
    }

    /** What a command printed on a terminal ({@code script}'s pseudo-terminal; line ends as a terminal has them). */
    record Printed(int code, String text) { }

    private Printed inTerminal(String... args) throws Exception {
        return typedInTerminal("", args);
    }

    /** A command in a terminal, {@code typed} typed into it. */
    private Printed typedInTerminal(String typed, String... args) throws Exception {
        Stream<String> words = !args[0].equals("sh") ? Stream.concat(Stream.of(launcher.toString()), Stream.of(args))
                : args[1].equals("-c") ? Stream.concat(Stream.of(args), Stream.of(launcher.toString())) : Stream.of(args);
        String line = words.map(ResidentHelperTest::quoted).collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null").directory(ws.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("PROGY_HELPER");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Printed(p.exitValue(), out);
    }

    /**
     * The launcher on /dev/null for input and error, and {@code out} for its output, with every signal's default
     * handling (a build started in the background, as CI's is, ignores SIGINT, and so would the launcher: a shell
     * cannot trap a signal ignored when it started).
     */
    private Process start(List<String> args, ProcessBuilder.Redirect out) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal", launcher.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(ws.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(out)
                .redirectError(ProcessBuilder.Redirect.to(new File("/dev/null")));
        pb.environment().remove("PROGY_HELPER");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Waits for the helper the last command started; its pid. */
    private long awaitHelper() throws Exception {
        await(() -> "a helper starts; its log: " + log(),
                () -> Files.exists(slot.resolve("pid")) && Files.exists(slot.resolve("calls")));
        return Long.parseLong(Files.readString(slot.resolve("pid")).strip().split(" ")[0]);
    }

    private static void awaitGone(long pid) throws Exception {
        await(() -> "the helper (pid " + pid + ") stops",
                () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private void awaitCheck() throws Exception {
        await(() -> "the check starts; the helper's log: " + log(), () -> !checks().isEmpty());
    }

    interface Check {
        boolean done() throws Exception;
    }

    interface Said {
        String what() throws Exception;
    }

    /** Waits up to 30 s for {@code done}, checking every 20 ms; fails saying {@code what} was awaited. */
    private static void await(Said what, Check done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for: " + what.what());
            }
            Thread.sleep(20);
        }
    }

    /** The processes of this test's check script still running (found by the workspace in their command line). */
    private List<ProcessHandle> checks() {
        String marker = ws.resolve("content/01_basics/02_second").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> p.info().commandLine().orElse("").contains("sleep")
                        || p.info().commandLine().orElse("").contains("check.sh"))
                .toList();
    }

    private String log() throws IOException {
        Path log = slot.resolve("helper.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** A jar holding only a manifest: progy's Main, and this test's class path (what the launcher runs). */
    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
    }
}
