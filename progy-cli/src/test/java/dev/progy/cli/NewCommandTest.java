package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy new} and {@code progy pack} as a course author uses them, from an empty folder to an archive. */
class NewCommandTest {

    @TempDir
    Path tmp;

    private CliHarness.Result ok(CliHarness cli, String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "python"})
    @DisplayName("a new course, module and exercise validate with no warning and pass guard --run: starters fail, solutions pass")
    void scaffoldsPassGuardRun(String template) throws IOException {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result made = ok(cli, "new", "course", "intro-course", "--template", template);
        assertThat(made.out()).contains("made the course intro-course", "content/01_basics/01_add/README.md",
                "progy guard intro-course --run");
        ok(cli, "new", "module", "Loops", "-C", "intro-course");
        // inside the course, from a sub-folder: the course is found above
        CliHarness inside = new CliHarness(Files.createDirectories(tmp.resolve("intro-course/content")));
        CliHarness.Result added = ok(inside, "new", "exercise", "loops", "while loops");
        assertThat(added.out()).contains("02_loops/02_while_loops");
        assertThat(tmp.resolve("intro-course/content/02_loops/info.toml")).content()
                .contains("title = \"Loops\"", "\"01_loops\"", "\"02_while_loops\" = { title = \"While loops\"");

        CliHarness.Result valid = ok(cli, "validate", "intro-course", "--json");
        JsonNode v = CliJson.parse(valid.out());
        assertThat(v.path("valid").asBoolean()).as(valid.out()).isTrue();
        assertThat(v.path("problems").size()).as(valid.out()).isZero();
        CliHarness.Result guard = ok(cli, "guard", "intro-course", "--run", "--no-color");
        assertThat(guard.out()).contains("✓ passes: 0 errors, 0 warnings", "3 of 3 exercises as they should be")
                .containsPattern("✓ 02_loops/02_while_loops +starter fails · solution passes");

        // a student gets the course as generated: the first exercise fails until solved
        ok(cli, "init", "intro-course", "ws");
        CliHarness.Result run = cli.run("run", "-C", "ws");
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("01_basics/01_add");
    }

    @Test
    @DisplayName("the docker template validates and passes guard's static checks (its runs need an engine)")
    void dockerTemplate() {
        CliHarness cli = new CliHarness(tmp);
        ok(cli, "new", "course", "boxed", "--template", "docker");
        assertThat(tmp.resolve("boxed/Dockerfile")).content().contains("FROM python:3.11-slim", "USER 1000:1000");
        ok(cli, "new", "exercise", "basics", "second", "-C", "boxed");
        assertThat(CliJson.parse(ok(cli, "validate", "boxed", "--json").out()).path("problems").size()).isZero();
        assertThat(ok(cli, "guard", "boxed", "--no-color").out()).contains("✓ passes: 0 errors, 0 warnings");
    }

    @Test
    @DisplayName("with an engine, the docker template's starter fails and its solution passes in the course's image")
    void dockerTemplateRuns() {
        Engines.requireOrSkip(tmp, "podman");
        CliHarness cli = new CliHarness(tmp);
        ok(cli, "new", "course", "boxed", "--template", "docker");
        CliHarness.Result guard = ok(cli, "guard", "boxed", "--run", "--engine", "podman", "--no-color");
        assertThat(guard.out()).contains("1 of 1 exercises as they should be", "✓ passes: 0 errors, 0 warnings");
    }

    @Test
    @DisplayName("mistakes: a folder in use, an unknown template, no course here, an unknown module, a taken name")
    void mistakes() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(tmp.resolve("busy/notes.md"), "mine\n");
        CliHarness.Result busy = cli.run("new", "course", "busy");
        assertThat(busy.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(busy.err()).contains("already exists and is not an empty folder");
        assertThat(tmp.resolve("busy")).isDirectoryNotContaining("glob:**/course.json");

        CliHarness.Result template = cli.run("new", "course", "x", "--template", "cobol");
        assertThat(template.code()).isEqualTo(ExitCode.USAGE);
        assertThat(template.err()).contains("no template 'cobol'", "java, python, docker");

        CliHarness.Result nowhere = cli.run("new", "module", "loops");
        assertThat(nowhere.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(nowhere.err()).contains("no course.json", "progy new course");

        ok(cli, "new", "course", "c", "--template", "python");
        CliHarness.Result module = cli.run("new", "exercise", "nope", "x", "-C", "c");
        assertThat(module.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(module.err()).contains("no module 'nope'", "01_basics");
        CliHarness.Result taken = cli.run("new", "exercise", "basics", "01_add", "-C", "c");
        assertThat(taken.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(taken.err()).contains("already exists");
        CliHarness.Result alone = cli.run("new");
        assertThat(alone.code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    @DisplayName("pack without -o writes <id>-<version>.progy here, with the mode any new file of the user gets (not 0600)")
    void packDefaultsToIdAndVersion() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        ok(cli, "new", "course", "my-course", "--template", "python");
        CliHarness.Result packed = ok(cli, "pack", "my-course");
        Path archive = tmp.resolve("my-course-0.1.0.progy");
        assertThat(packed.out()).contains(archive.toString());
        assertThat(archive).isRegularFile();
        Path probe = Files.createFile(tmp.resolve("probe"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
        ok(cli, "init", archive.toString(), "ws");
    }
}
