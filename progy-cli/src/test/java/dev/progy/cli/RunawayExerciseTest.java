package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exercises that never end, print without end, or start processes that outlive them: {@code progy run} must
 * report the limit that was hit, keep its own output bounded, and leave no process of the run behind. Every
 * process of a run is found in {@code /proc} by the test's own temp folder, in its command line (the runner gets
 * the exercise folder as an argument) or as its working folder (the workspace).
 */
@EnabledOnOs(OS.LINUX)
class RunawayExerciseTest {
    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
    }

    @AfterEach
    void killWhatTheTestLeft() {
        // a failing test must not leave its runaways to burn the machine for the next tests
        leftovers().forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    private void initCourse(double timeoutSeconds, String script) {
        ShellCourse.write(tmp.resolve("course"), timeoutSeconds, script, "01_a");
        CliHarness.Result init = cli.run("init", "course", "ws");
        assertThat(init.code()).as(init.toString()).isZero();
    }

    @Test
    @DisplayName("an endless loop is stopped at the course's timeout and reported as timed out (exit 7)")
    void endlessLoop() {
        initCourse(2, "while :; do :; done\n");
        long started = System.nanoTime();
        CliHarness.Result r = cli.run("run", "01_a", "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(r.out()).contains("⏱ timed out", "timed out after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertNothingLeftBehind();
    }

    @Test
    @DisplayName("endless printing is stopped at the output limit (exit 7), and what is shown is cut and says so")
    void endlessPrinting() {
        initCourse(20, "while :; do echo \"all work and no play makes Jack a dull boy\"; done\n");
        CliHarness.Result r = cli.run("run", "01_a", "-C", "ws");

        assertThat(r.code()).as(r.toString().substring(0, 500)).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(r.out()).contains("✗ output limit reached", "printed more than 1 MiB; output cut",
                "… output truncated at 1 MiB …");
        assertThat(r.out().length()).as("what progy printed").isLessThan((1 << 20) + 64 * 1024);

        JsonNode json = CliJson.parse(cli.run("run", "01_a", "--json", "-C", "ws").out());
        assertThat(json.get("termination").asText()).isEqualTo("output_limit");
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertNothingLeftBehind();
    }

    @Test
    @DisplayName("a tree of sleeping children and orphaned grandchildren is killed with the run at its timeout")
    void forkTree() {
        initCourse(2, """
                for i in 1 2 3; do
                  sh -c 'sleep 300 & sleep 300 & wait' "$2" &
                  ( sleep 300 & )
                done
                while :; do sleep 1; done
                """);
        CliHarness.Result r = cli.run("run", "01_a", "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(r.out()).contains("⏱ timed out");
        assertNothingLeftBehind();
    }

    @Test
    @DisplayName("a program that ends but leaves a child running gets its verdict, and the child is killed")
    void childOutlivesTheProgram() {
        initCourse(20, """
                sh -c 'sleep 300; :' "$2" &
                ( sleep 300 & )
                echo done
                exit 0
                """);
        long started = System.nanoTime();
        CliHarness.Result r = cli.run("run", "01_a", "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("✓ passed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for the leftover")
                .isLessThan(Duration.ofSeconds(10));
        assertNothingLeftBehind();
    }

    @Test
    @DisplayName("stopping progy while an exercise runs (Ctrl-C, SIGTERM) stops the exercise too")
    void stoppingProgyStopsTheExercise() throws Exception {
        initCourse(60, "sleep 300\n");
        Process progy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "01_a", "-C", tmp.resolve("ws").toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (leftovers().stream().noneMatch(p -> p.commandLine().startsWith("sleep 300"))) {
                assertThat(System.nanoTime()).as("the exercise never started").isLessThan(deadline);
                pause();
            }
            progy.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(progy.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("progy ended").isTrue();
            assertNothingLeftBehind();
        } finally {
            progy.destroyForcibly();
        }
    }

    private void assertNothingLeftBehind() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<RunProcess> left = leftovers();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause();
            left = leftovers();
        }
        assertThat(left).as("processes of the run still alive").isEmpty();
    }

    /** A live process of this test's run: its pid and command line. */
    record RunProcess(long pid, String commandLine) { }

    /** Live processes (not zombies) whose command line names the test's folder or whose working folder is in it. */
    private List<RunProcess> leftovers() {
        List<String> marks = new ArrayList<>(List.of(tmp.toAbsolutePath().toString()));
        try {
            marks.add(tmp.toRealPath().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<RunProcess> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == ProcessHandle.current().pid()) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"), StandardCharsets.US_ASCII);
                    if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                        continue; // dead, waiting for its parent to reap it
                    }
                    String cmd = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    String cwd = Files.readSymbolicLink(entry.resolve("cwd")).toString();
                    if (marks.stream().anyMatch(m -> cmd.contains(m) || cwd.startsWith(m))) {
                        found.add(new RunProcess(pid, cmd));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended while being looked at, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return found;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
