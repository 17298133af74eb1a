package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.testkit.Folders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy upgrade} as a student uses it after the course they installed from a folder has a new version. */
class UpgradeCommandTest {

    private static final String HELLO = "content/01_basics/01_hello/";

    @TempDir
    Path tmp;

    private CliHarness studentOfANewVersion() throws IOException {
        Path course = tmp.resolve("course");
        Folders.copy(CliHarness.example("python-original"), course);
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", "course", "ws").code()).isZero();
        Path mine = tmp.resolve("ws/" + HELLO + "exercise.py");
        Files.writeString(mine, Files.readString(mine).replace("    # TODO: build the greeting with an f-string\n    return \"\"",
                "    return f\"Hello, {name}!\""));
        // the instructor publishes 1.1.0 in the same folder: a new docstring in the file the student edited
        Path json = course.resolve("course.json");
        Files.writeString(json, Files.readString(json).replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""));
        Path theirs = course.resolve(HELLO + "exercise.py");
        Files.writeString(theirs, Files.readString(theirs).replace("see README.md for the task", "the task is in README.md"));
        return cli;
    }

    @Test
    @DisplayName("with no source it fetches the new version from where the course came from, and keeps the student's code")
    void upgradeFromTheSameFolder() throws IOException {
        CliHarness cli = studentOfANewVersion();

        CliHarness.Result dry = cli.run("upgrade", "--dry-run", "-C", "ws", "--no-color");
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would upgrade 1.0.0 → 1.1.0", "merge    " + HELLO + "exercise.py",
                "update   course.json");
        assertThat(tmp.resolve("ws/" + HELLO + "exercise.py")).content().doesNotContain("the task is in README.md");

        CliHarness.Result r = cli.run("upgrade", "-C", "ws", "--no-color");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("upgraded 1.0.0 → 1.1.0", "every file replaced or removed is kept in .progy/upgrade-backup/");
        assertThat(tmp.resolve("ws/" + HELLO + "exercise.py")).content()
                .contains("the task is in README.md", "return f\"Hello, {name}!\"");
        assertThat(cli.run("run", "01_hello", "-C", "ws").code()).as("the student's code still passes").isZero();
    }

    @Test
    @DisplayName("a conflict is marked in the file, listed, and makes the command exit 1; --json says the same")
    void conflict() throws IOException {
        CliHarness cli = studentOfANewVersion();
        Path mine = tmp.resolve("ws/" + HELLO + "exercise.py");
        Files.writeString(mine, Files.readString(mine).replace("see README.md for the task", "my own summary"));

        CliHarness.Result r = cli.run("upgrade", tmp.resolve("course").toString(), "-C", "ws", "--json");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode n = CliJson.parse(r.out());
        assertThat(n.path("conflicts").asBoolean()).isTrue();
        assertThat(n.path("files").findValuesAsText("action")).contains("conflict", "update");
        assertThat(mine).content().contains("<<<<<<< yours", "my own summary", "the task is in README.md",
                ">>>>>>> course 1.1.0");
    }

    @Test
    @DisplayName("an upgrade from where the course came from, with nothing new there, says so and exits 0, every time")
    void nothingChanged() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();

        for (int i = 0; i < 2; i++) {
            CliHarness.Result r = cli.run("upgrade", "-C", "ws", "--no-color");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Already at 1.0.0").doesNotContain("upgrade-backup");
            assertThat(r.err()).isEmpty();
        }
        assertThat(tmp.resolve("ws/.progy/upgrade")).doesNotExist();
        JsonNode json = CliJson.parse(cli.run("upgrade", "-C", "ws", "--json").out());
        assertThat(json.path("upToDate").asBoolean()).isTrue();
        assertThat(json.path("files").size()).isZero();
    }

    @Test
    @DisplayName("an older version as the source is refused with a pointer to --allow-downgrade, which then takes it")
    void downgradeNeedsConsent() throws IOException {
        CliHarness cli = studentOfANewVersion();
        assertThat(cli.run("upgrade", "-C", "ws").code()).isZero(); // now at 1.1.0
        Path old = tmp.resolve("old");
        Folders.copy(CliHarness.example("python-original"), old);

        CliHarness.Result refused = cli.run("upgrade", old.toString(), "-C", "ws");

        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(refused.err()).contains("version 1.0.0", "older than this workspace's 1.1.0", "--allow-downgrade");
        assertThat(tmp.resolve("ws/" + HELLO + "exercise.py")).content().contains("the task is in README.md");

        CliHarness.Result back = cli.run("upgrade", old.toString(), "--allow-downgrade", "-C", "ws", "--no-color");
        assertThat(back.code()).as(back.toString()).isZero();
        assertThat(back.out()).contains("downgraded 1.1.0 → 1.0.0");
        assertThat(tmp.resolve("ws/" + HELLO + "exercise.py")).content()
                .contains("see README.md for the task", "return f\"Hello, {name}!\"");
    }
}
