package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy ui}'s actions beside Run: the editor, backup and sync, stopping; and its mistakes said plainly. */
class UiActionsTest {
    @TempDir
    Path tmp;

    private CliHarness workspace() {
        CliHarness harness = new CliHarness(tmp);
        CliHarness.Result r = harness.run("init", CliHarness.example("python-original").toString(), "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        return harness;
    }

    @Test
    @DisplayName("open in editor runs the student's editor command with the file as one argument, never through a shell")
    void opensTheEditorWithoutAShell() throws Exception {
        CliHarness harness = workspace();
        Path log = tmp.resolve("editor.log");
        Path plain = tmp.resolve("editor.sh");
        Files.writeString(plain, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rwx------"));
        Path odd = tmp.resolve("ws/content/01_basics/01_hello/notes; touch pwned.txt");
        Files.writeString(odd, "x");
        try (UiSession ui = new UiSession(harness, "-C", "ws", "--editor", plain + " --line {line} {file}")) {
            ui.signIn();
            UiSession.Response r = ui.post("/open", "path=content%2F01_basics%2F01_hello%2Fnotes%3B+touch+pwned.txt&line=7",
                    Map.of("X-Progy-Fetch", "1"));
            assertThat(r.status()).as(r.body()).isEqualTo(204);
            awaitFile(log);
            assertThat(Files.readAllLines(log)).containsExactly("--line", "7", odd.toRealPath().toString());
            assertThat(tmp.resolve("ws/pwned.txt")).doesNotExist();
            assertThat(tmp.resolve("pwned.txt")).doesNotExist();
        }
        // saved for the workspace: the next progy ui opens the same editor
        Files.delete(log);
        try (UiSession ui = new UiSession(harness, "-C", "ws")) {
            ui.signIn();
            ui.post("/open", "path=content%2F01_basics%2F01_hello%2Fexercise.py", Map.of("X-Progy-Fetch", "1"));
            awaitFile(log);
            assertThat(Files.readAllLines(log)).containsExactly("--line", "1",
                    tmp.resolve("ws/content/01_basics/01_hello/exercise.py").toRealPath().toString());
        }
    }

    @Test
    @DisplayName("without an editor set, open in editor says how to set one")
    void noEditorSaysHow() {
        CliHarness harness = workspace();
        harness.env.remove("VISUAL");
        harness.env.remove("EDITOR");
        try (UiSession ui = new UiSession(harness, "-C", "ws")) {
            ui.signIn();
            UiSession.Response r = ui.post("/open", "path=content%2F01_basics%2F01_hello%2Fexercise.py",
                    Map.of("X-Progy-Fetch", "1"));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.body()).contains("--editor").contains("EDITOR");
        }
    }

    @Test
    @DisplayName("the backup page shows what progy backup --status says, and Back up now does what progy backup --now does")
    void backupAndSync() {
        CliHarness harness = workspace();
        try (UiSession ui = new UiSession(harness, "-C", "ws")) {
            ui.signIn();
            String page = ui.get("/backup").body();
            assertThat(page).contains("No backup is set up. `progy backup --remote &lt;url&gt;` sets one up.")
                    .contains("No sync server is set up");
            String now = ui.post("/backup", "", Map.of()).body();
            assertThat(now).contains("the backup of this workspace is not set up");
            assertThat(ui.post("/sync", "", Map.of()).body()).contains("No sync server is configured for this workspace.");
        }
    }

    @Test
    @DisplayName("the Stop button ends progy ui with exit code 0; so does Ctrl-C")
    void stops() {
        CliHarness harness = workspace();
        UiSession ui = new UiSession(harness, "-C", "ws");
        ui.signIn();
        UiSession.Response r = ui.post("/stop", "", Map.of());
        assertThat(r.body()).contains("progy ui stopped");
        assertThat(ui.cli.awaitExit()).isZero();
        assertThat(ui.cli.out()).contains("progy ui stopped.");
        ui.cli.close();
    }

    @Test
    @DisplayName("with no page open for the idle time, progy ui stops by itself")
    void stopsWhenIdle() {
        CliHarness harness = workspace();
        UiSession ui = new UiSession(harness, "-C", "ws", "--idle-timeout", "1");
        assertThat(ui.cli.awaitExit()).isZero();
        assertThat(ui.cli.out()).contains("progy ui stopped.");
        ui.cli.close();
    }

    @Test
    @DisplayName("outside a workspace progy ui says so, and progy lists ui among its commands")
    void outsideAWorkspace() {
        CliHarness harness = new CliHarness(tmp);
        CliHarness.Result r = harness.run("ui", "--no-open");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("progy init");
        assertThat(harness.run().out()).contains("ui ").contains("Open the course in your browser");
        assertThat(harness.run("ui", "--help").out()).contains("--no-open").contains("--port").contains("--editor");
    }

    private static void awaitFile(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the editor was not started: " + file + " missing");
            }
            Thread.sleep(50);
        }
    }
}
