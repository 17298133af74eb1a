package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.testkit.OriginalCourses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Courses laid out as the original Progy's are installed, listed and run; what the original tolerated is shown
 * once, at init, as warnings; and every command judges a course by the same rules.
 */
class OriginalCoursesCliTest {

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
    }

    private Path course(OriginalCourses layout) {
        return layout.writeTo(tmp.resolve(layout.name().toLowerCase(Locale.ROOT)));
    }

    @ParameterizedTest
    @EnumSource(OriginalCourses.class)
    @DisplayName("each original layout installs, lists and runs; warnings appear at init only")
    void installListRun(OriginalCourses layout) throws IOException {
        Path course = course(layout);
        boolean warns = layout == OriginalCourses.STALE_INFO_TOML || layout == OriginalCourses.DEAD_PREREQUISITE;

        CliHarness.Result init = cli.run("init", course.toString(), "ws", "--no-color");
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(init.out()).contains("is ready in");
        if (warns) {
            assertThat(init.out()).as(init.toString()).contains("1 warning about the course (it runs as it is");
        } else {
            assertThat(init.out()).as(init.toString()).doesNotContain("warning");
        }

        CliHarness.Result list = cli.run("-C", "ws", "list", "--no-color");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out() + list.err()).doesNotContain("warning", "no such exercise folder", "can never");
        JsonNode exercises = CliJson.parse(cli.run("-C", "ws", "list", "--json").out());
        assertThat(exercises.size()).isPositive();
        String first = exercises.get(0).get("id").asText();

        CliHarness.Result failing = cli.run("-C", "ws", "run", first, "--no-color");
        assertThat(failing.code()).as(failing.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(failing.out() + failing.err()).doesNotContain("warning", "no such exercise folder", "every exercise has passed");

        Path entry = tmp.resolve("ws/content").resolve(exercises.get(0).path("entryFile").asText(entryOf(first)));
        Files.writeString(entry, "DONE\n");
        CliHarness.Result passing = cli.run("-C", "ws", "run", first, "--no-color");
        assertThat(passing.code()).as(passing.toString()).isZero();
    }

    /** The entry file of an exercise of these courses: {@code exercise.sh} in its folder, or the single file's own. */
    private static String entryOf(String id) {
        return id.endsWith("/exercise") ? id + ".sh" : id + "/exercise.sh";
    }

    @Test
    @DisplayName("a single-file exercise is listed as <module>/exercise and its file is the one to edit")
    void singleFileListed() {
        cli.run("init", course(OriginalCourses.SINGLE_FILE).toString(), "ws");
        CliHarness.Result list = cli.run("-C", "ws", "list", "--no-color");
        assertThat(list.out()).contains("01_hello/exercise", "02_more/01_again");
        assertThat(tmp.resolve("ws/content/01_hello/exercise.sh")).isRegularFile();
        assertThat(tmp.resolve("ws/content/01_hello/solution.sh")).doesNotExist();
    }

    @Test
    @DisplayName("init --json lists the warnings with their severity")
    void initJsonWarnings() {
        CliHarness.Result init = cli.run("init", course(OriginalCourses.STALE_INFO_TOML).toString(), "ws", "--json");
        assertThat(init.code()).as(init.toString()).isZero();
        JsonNode warnings = CliJson.parse(init.out()).get("warnings");
        assertThat(warnings.size()).isEqualTo(1);
        assertThat(warnings.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(warnings.get(0).get("file").asText()).isEqualTo("content/01_sql/info.toml");
    }

    @Test
    @DisplayName("validate shows warnings and passes; --strict fails on them (exit 3); guard fails on them (exit 1)")
    void validateStrictGuard() {
        Path course = course(OriginalCourses.STALE_INFO_TOML);
        CliHarness.Result validate = cli.run("validate", course.toString(), "--no-color");
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("is a valid course, with 1 warning", "warning content/01_sql/info.toml (line 6)",
                "\"01_joins\"");

        CliHarness.Result strict = cli.run("validate", "--strict", course.toString(), "--no-color");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(ExitCode.COURSE_INVALID);
        assertThat(strict.out()).contains("0 errors, 1 warning");

        JsonNode json = CliJson.parse(cli.run("validate", course.toString(), "--json").out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("warnings").asInt()).isEqualTo(1);

        CliHarness.Result guard = cli.run("guard", course.toString(), "--no-color");
        assertThat(guard.code()).as(guard.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(guard.out()).contains("error content/01_sql/info.toml:6 [PG-S001]", "\"01_joins\"");
    }

    @Test
    @DisplayName("a course with no exercise is refused by validate and init, which leaves no .progy/ behind")
    void zeroExercises() throws IOException {
        Path course = Files.createDirectories(tmp.resolve("empty/content/01_basics")).getParent().getParent();
        Files.writeString(course.resolve("course.json"), "{\"name\": \"Empty\", \"runners\": [{\"id\": \"sh\", \"command\": \"sh\"}]}");
        CliHarness.Result validate = cli.run("validate", course.toString(), "--no-color");
        assertThat(validate.code()).isEqualTo(ExitCode.COURSE_INVALID);
        assertThat(validate.out()).contains("holds no exercise");
        Files.createDirectories(tmp.resolve("ws"));
        CliHarness.Result init = cli.run("init", course.toString(), "ws");
        assertThat(init.code()).isEqualTo(ExitCode.COURSE_INVALID);
        assertThat(tmp.resolve("ws/.progy")).doesNotExist();
    }

    @Test
    @DisplayName("a different course over an existing workspace is refused (exit 5); the same course again is fine")
    void otherCourseOverWorkspace() {
        assertThat(cli.run("init", course(OriginalCourses.NO_ID).toString(), "ws").code()).isZero();
        CliHarness.Result other = cli.run("init", course(OriginalCourses.SINGLE_FILE).toString(), "ws");
        assertThat(other.code()).as(other.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(other.err()).contains("already the workspace of the course 'sql-basics-joins-more'", "'single-file'",
                "another folder");
        assertThat(tmp.resolve("ws/content/01_hello")).doesNotExist();
        assertThat(cli.run("init", course(OriginalCourses.NO_ID).toString(), "ws").code()).isZero();
    }

    /** A course every command must refuse alike, and the words that say why. */
    private record Refused(String name, String why) { }

    @Test
    @DisplayName("validate, guard, init and pack refuse alike: unsafe folder names, links out of the course, runner programs outside it")
    void everyCommandJudgesAlike() throws IOException {
        List<Refused> cases = List.of(
                new Refused("semicolon", "characters a runner refuses"),
                new Refused("dollar", "characters a runner refuses"),
                new Refused("backtick", "characters a runner refuses"),
                new Refused("markdown", "leads out of the course"),
                new Refused("symlink", "never holds links"),
                new Refused("absolute-command", "is an absolute path outside the course"),
                new Refused("climbing-command", "leads outside the course folder"));
        for (Refused c : cases) {
            Path course = OriginalCourses.NO_ID.writeTo(tmp.resolve(c.name()));
            Path exercise = course.resolve("content/01_basics/01_hello");
            switch (c.name()) {
                case "semicolon" -> Files.createDirectories(course.resolve("content/01_basics/02_a;rm -rf x"));
                case "dollar" -> Files.createDirectories(course.resolve("content/01_basics/02_$(id)"));
                case "backtick" -> Files.createDirectories(course.resolve("content/01_basics/02_`id`"));
                case "markdown" -> Files.writeString(exercise.resolve("README.md"), "# Hi\n\n[notes](../../../../notes.md)\n");
                case "symlink" -> Files.createSymbolicLink(exercise.resolve("data.txt"), tmp.resolve("secret.txt"));
                case "absolute-command" -> Files.writeString(course.resolve("course.json"),
                        "{\"name\": \"Abs\", \"runners\": [{\"id\": \"x\", \"command\": \"/somewhere/outside.sh\"}]}");
                case "climbing-command" -> Files.writeString(course.resolve("course.json"),
                        "{\"name\": \"Up\", \"runners\": [{\"id\": \"x\", \"command\": \"../outside.sh\"}]}");
                default -> throw new IllegalStateException(c.name());
            }
            CliHarness.Result validate = cli.run("validate", course.toString(), "--no-color");
            assertThat(validate.code()).as(c.name() + "\n" + validate).isEqualTo(ExitCode.COURSE_INVALID);
            assertThat(validate.out()).as(c.name()).contains(c.why());
            CliHarness.Result guard = cli.run("guard", course.toString(), "--no-color");
            assertThat(guard.code()).as(c.name() + "\n" + guard).isEqualTo(ExitCode.FAILED);
            assertThat(guard.out()).as(c.name()).contains(c.why());
            CliHarness.Result init = cli.run("init", course.toString(), "ws-" + c.name());
            assertThat(init.code()).as(c.name() + "\n" + init).isEqualTo(ExitCode.COURSE_INVALID);
            assertThat(tmp.resolve("ws-" + c.name())).doesNotExist();
            CliHarness.Result pack = cli.run("pack", course.toString(), "-o", c.name() + ".progy");
            assertThat(pack.code()).as(c.name() + "\n" + pack).isEqualTo(ExitCode.COURSE_INVALID);
        }
    }
}
