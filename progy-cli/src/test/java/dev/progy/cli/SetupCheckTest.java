package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A course's {@code setup.checks}: run by doctor, and by the first run of a workspace until they pass once. */
class SetupCheckTest {
    /** Passes once the student has made {@code ready.txt} in the workspace; no shell involved. */
    private static final String SETUP = """
            {"checks": [{"name": "Python 3", "type": "command", "command": "python3 --version"},
                        {"name": "Python 9 is installed", "type": "command", "command": "test -f ready.txt"}],
             "guide": "SETUP.md"}
            """;

    @TempDir
    Path tmp;
    CliHarness cli;
    Path ws;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
        GuideCourse.write(tmp.resolve("course"), SETUP);
        CliHarness.Result init = cli.run("init", tmp.resolve("course").toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        ws = tmp.resolve("ws");
    }

    @Test
    @DisplayName("the first run runs the setup checks and, when one fails, shows it and the setup guide instead of a test failure")
    void firstRunShowsTheGuide() throws IOException {
        CliHarness.Result r = cli.run("run", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUNNER_UNAVAILABLE);
        assertThat(r.out()).contains("not set up for the course", "✓ Python 3", "✗ Python 9 is installed  (test -f ready.txt)",
                "Setting up\n══════════", "Install Python 9 first.")
                .doesNotContain("Edit:", "failed:");
        assertThat(CliJson.parse(cli.run("progress", "--json", "-C", "ws").out()).toString())
                .as("no attempt was recorded").doesNotContain("01_basics/01_first");

        JsonNode json = CliJson.parse(cli.run("run", "--json", "-C", "ws").out());
        assertThat(json.get("setupChecks").get(1).get("passed").asBoolean()).isFalse();
        assertThat(json.get("setupGuide").asText()).isEqualTo("SETUP.md");

        Files.writeString(ws.resolve("ready.txt"), "");
        CliHarness.Result fixed = cli.run("run", "-C", "ws");
        assertThat(fixed.code()).as(fixed.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(fixed.out()).contains("Edit:").doesNotContain("not set up");

        Files.delete(ws.resolve("ready.txt"));
        CliHarness.Result later = cli.run("run", "-C", "ws");
        assertThat(later.out()).as("checks that passed once are not run again by run").doesNotContain("not set up");
    }

    @Test
    @DisplayName("watch, too, shows the failed check and the guide before it starts watching")
    void watchShowsTheGuide() {
        CliHarness.Result r = cli.run("watch", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUNNER_UNAVAILABLE);
        assertThat(r.out()).contains("✗ Python 9 is installed", "Install Python 9 first.").doesNotContain("Watching");
    }

    @Test
    @DisplayName("doctor runs the setup checks, names each with pass or fail, shows the guide on a failure and exits 1")
    void doctorRunsTheChecks() throws IOException {
        CliHarness.Result r = cli.run("doctor", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("setup checks of guide-course:", "✓ Python 3", "✗ Python 9 is installed",
                "Install Python 9 first.");
        Files.writeString(ws.resolve("ready.txt"), "");
        CliHarness.Result ok = cli.run("doctor", "--json", "-C", "ws");
        assertThat(ok.code()).as(ok.toString()).isZero();
        JsonNode n = CliJson.parse(ok.out()).get("workspace");
        assertThat(n.get("setupPassed").asBoolean()).isTrue();
        assertThat(n.get("setupChecks")).hasSize(2);
    }

    @Test
    @DisplayName("doctor judges the runner the course uses: the Java sample's host runner can run here, its container variant is only offered")
    void doctorJudgesTheCoursesRunner() {
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "java").code()).isZero();
        CliHarness.Result r = cli.run("doctor", "-C", "java");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("runs with its runner java (process): can run here",
                "also offers container (docker-file)", "✓ The Java compiler is installed");
        assertThat(CliJson.parse(cli.run("doctor", "--json", "-C", "java").out()).at("/workspace/canRun").asBoolean()).isTrue();
    }
}
