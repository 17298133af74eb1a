package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy watch} as a student uses it: running in a terminal while they save files in their editor and type
 * keys. Runs in-process on a thread of its own ({@link RunningCli}); the Python sample course keeps runs short.
 */
class WatchCommandTest {
    private static final String WATCHING = "Watching for changes";
    private static final String HEADER = "▶ ";

    @TempDir
    Path tmp;

    private CliHarness harness() {
        return new CliHarness(tmp);
    }

    private Path initPython() {
        CliHarness.Result r = harness().run("init", CliHarness.example("python-original").toString(), "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        return tmp.resolve("ws");
    }

    private Path initShellCourse(String script) {
        ShellCourse.write(tmp.resolve("course"), 20, script, "01_a", "02_b");
        CliHarness.Result r = harness().run("init", "course", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        return tmp.resolve("ws");
    }

    /** Saves the sample course's solution over the student's file, as an editor would. */
    private static void saveSolution(Path ws, String id) {
        try {
            String solution = Files.readString(CliHarness.example("python-original").resolve("content").resolve(id)
                    .resolve("solution.py"));
            Files.writeString(ws.resolve("content").resolve(id).resolve("exercise.py"), solution);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void save(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("watch has no --json (it is interactive): asking for it is a usage error, not a JSON error")
    void noJson() {
        CliHarness.Result r = new CliHarness(tmp).run("watch", "--json");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        // asked for JSON, the mistake is told in JSON
        assertThat(CliJson.parse(r.out()).path("error").asText()).contains("unknown option '--json'");
        assertThat(new CliHarness(tmp).run("watch", "--help").out()).doesNotContain("--json");
    }

    @Test
    @DisplayName("watch runs the next exercise, runs it again when the student saves, and moves on once it passes")
    void rerunsOnSaveAndMovesOn() {
        Path ws = initPython();
        try (RunningCli watch = harness().start("watch", "-C", "ws")) {
            String first = watch.awaitOutput(WATCHING);
            assertThat(first).contains(HEADER + "01_basics/01_hello").contains("✗ failed").doesNotContain("✓ passed");

            saveSolution(ws, "01_basics/01_hello");

            String after = watch.awaitOutput("Next up: 01_basics/02_conditions");
            assertThat(after).containsOnlyOnce("✓ passed: 3 of 3 tests passed").doesNotContain("switched to checking")
                    .contains("edit ws/content/01_basics/02_conditions/exercise.py and save");
            watch.awaitOutput(WATCHING, 2);
            watch.type("q");
            assertThat(watch.awaitExit()).isZero();
        }
        String progress = harness().run("progress", "-C", "ws").out();
        assertThat(progress).contains("1 of 4 exercises passed");
    }

    @Test
    @DisplayName("a burst of saves closer together than the debounce gives one run, of the last version saved")
    void burstOfSavesGivesOneRun() throws InterruptedException {
        Path ws = initPython();
        Path entry = ws.resolve("content/01_basics/01_hello/exercise.py");
        try (RunningCli watch = harness().start("watch", "--debounce", "1000", "-C", "ws")) {
            watch.awaitOutput(WATCHING);
            for (int i = 0; i < 5; i++) {
                save(entry, "def greet(name):\n    return 'not yet " + i + "'\n");
                Thread.sleep(100); // the student's own pace between saves, well inside the debounce
            }
            saveSolution(ws, "01_basics/01_hello");

            watch.awaitOutput("Next up: 01_basics/02_conditions");
            watch.type("q"); // queued behind any run still pending, so the count below is final
            assertThat(watch.awaitExit()).isZero();
            assertThat(RunningCli.count(watch.out(), HEADER)).as(watch.toString()).isEqualTo(2);
            assertThat(watch.out()).containsOnlyOnce("✗ failed").containsOnlyOnce("✓ passed");
        }
    }

    @Test
    @DisplayName("keys: r runs again, h shows the next hint, q quits with exit 0 even after a failing run")
    void keys() {
        initPython();
        try (RunningCli watch = harness().start("watch", "-C", "ws")) {
            watch.awaitOutput(WATCHING);
            watch.type("r");
            String twice = watch.awaitOutput(WATCHING, 2);
            assertThat(RunningCli.count(twice, HEADER + "01_basics/01_hello")).isEqualTo(2);

            watch.type("h");
            assertThat(watch.awaitOutput("💡")).contains("An f-string puts values into text");
            watch.type("h");
            assertThat(watch.awaitOutput("💡", 2)).contains("Return the text; don't print it.");

            watch.type("q");
            assertThat(watch.awaitExit()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    @DisplayName("--poll notices a save without file events")
    void pollNoticesASave() {
        Path ws = initPython();
        try (RunningCli watch = harness().start("watch", "--poll", "-C", "ws")) {
            watch.awaitOutput(WATCHING);
            saveSolution(ws, "01_basics/01_hello");
            assertThat(watch.awaitOutput("Next up: 01_basics/02_conditions")).containsOnlyOnce("✓ passed")
                    .doesNotContain("switched to checking");
            watch.type("q");
            assertThat(watch.awaitExit()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--debounce=150", "--poll"})
    @DisplayName("what the runner writes next to the code (bytecode, build folders, a compiled program) is not a save")
    void runnerOutputIsNotASave(String mode) {
        Path ws = initShellCourse("""
                dir="$2"
                mkdir -p "$dir/__pycache__" "$dir/build/classes" "$dir/target/classes/dev" "$dir/node_modules/x"
                echo bytecode > "$dir/__pycache__/exercise.cpython-312.pyc"
                echo bytecode > "$dir/Main.class"
                echo bytecode > "$dir/build/classes/Main.class"
                echo bytecode > "$dir/target/classes/dev/Main.class"
                echo module > "$dir/node_modules/x/index.js"
                date +%s%N > "$dir/a.out"
                grep -q solved "content/$1"
                """);
        try (RunningCli watch = harness().start("watch", "01_a", mode, "-C", "ws")) {
            watch.awaitOutput(WATCHING);
            watch.assertPrintsNoMoreThan(HEADER, 1, Duration.ofSeconds(3));

            save(ws.resolve("content/01_basics/01_a/exercise.py"), "solved\n");
            assertThat(watch.awaitOutput("✓ passed")).containsOnlyOnce("✗ failed");
            watch.awaitOutput(WATCHING, 2);
            watch.assertPrintsNoMoreThan(HEADER, 2, Duration.ofSeconds(2));
        }
    }

    @Test
    @DisplayName("a save made while a run is going runs the exercise again when that run ends")
    void saveDuringARunIsNotLost() throws InterruptedException {
        Path ws = initShellCourse("""
                if grep -q solved "content/$1"; then verdict=0; else verdict=1; fi
                mkdir -p "$2/build" && : > "$2/build/read-the-code"
                sleep 1
                exit $verdict
                """);
        // written where runs may write (the exercise's folder) and a save is never seen (its build output)
        Path readTheCode = ws.resolve("content/01_basics/01_a/build/read-the-code");
        try (RunningCli watch = harness().start("watch", "01_a", "-C", "ws")) {
            long deadline = System.nanoTime() + RunningCli.PATIENCE.toNanos();
            while (!Files.exists(readTheCode) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(readTheCode).as("the first run has read the code").exists();

            save(ws.resolve("content/01_basics/01_a/exercise.py"), "solved\n");

            String out = watch.awaitOutput("✓ passed");
            assertThat(out).containsOnlyOnce("✗ failed").contains("Saved while it ran: running again.");
            assertThat(RunningCli.count(out, HEADER)).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("--max-runs 2 with r typed ends after the second run, with that run's exit code")
    void maxRuns() {
        initPython();
        CliHarness.Result r = harness().runWithInput(new StringReader("r\n"), "watch", "--max-runs", "2", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(RunningCli.count(r.out(), HEADER + "01_basics/01_hello")).isEqualTo(2);
    }

    @Test
    @DisplayName("help watch says what the keys do and which exit code watch ends with")
    void helpDocumentsKeysAndExitCode() {
        String help = harness().run("help", "watch").out().replaceAll("\\s+", " "); // unwrapped
        assertThat(help).contains("r = run again", "h = hint", "q = quit").contains("exit code");
    }
}
