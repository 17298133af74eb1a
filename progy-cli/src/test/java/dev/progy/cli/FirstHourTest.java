package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new student or course author trips over in their first hour, each found by using the CLI as they would. */
class FirstHourTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a run that fails by its exit code says so once: '✗ failed with exit code 1', not 'failed — failed with …'")
    void exitCodeVerdictSaidOnce() {
        CliHarness cli = ShellCourse.failingWorkspace(tmp, "ws");
        CliHarness.Result r = cli.run("run", "-C", "ws", "--no-color");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).as(r.toString()).containsPattern("(?m)^✗ failed with exit code 1 \\(\\d+\\.\\d s\\)$")
                .doesNotContain("failed — failed");
    }

    @Test
    @DisplayName("a compiler error's verdict is one line ending with the time; its 'symbol:' and 'location:' lines are above")
    void compileErrorVerdictIsOneLine() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        Path main = tmp.resolve("ws/content/01_basics/01_hello/Main.java");
        Files.writeString(main, Files.readString(main).replace("return \"\";", "return nmae;"));
        CliHarness.Result r = cli.run("run", "-C", "ws", "--no-color");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        String verdict = r.out().lines().filter(l -> l.startsWith("! error")).findFirst().orElseThrow();
        assertThat(verdict).as(r.toString()).contains("cannot find symbol").matches(".* \\(\\d+\\.\\d s\\)$");
        assertThat(r.out()).as(r.toString()).containsOnlyOnce("location: class Main").containsOnlyOnce("symbol:");
    }

    @Test
    @DisplayName("guard counts its findings in English: '1 error', '1 warning', never '1 errors'")
    void guardCountsInEnglish() {
        java.nio.file.Path course = dev.progy.testkit.OriginalCourses.STALE_INFO_TOML.writeTo(tmp.resolve("course"));
        CliHarness.Result r = new CliHarness(tmp).run("guard", course.toString(), "--no-color");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).as(r.toString()).containsPattern("(?m)^✗ does not pass: 1 error, \\d+ warnings?, \\d+ notes?$")
                .doesNotContain("1 errors", "1 warnings", "1 notes");
    }

    @Test
    @DisplayName("upgrade --json with nothing new names no backup folder, since none was made")
    void upToDateJsonNamesNoBackup() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        CliHarness.Result r = cli.run("upgrade", "-C", "ws", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = CliJson.parse(r.out());
        assertThat(json.path("upToDate").asBoolean()).isTrue();
        assertThat(json.path("backup").isNull()).as(r.out()).isTrue();
        assertThat(tmp.resolve("ws/.progy/upgrade-backup")).doesNotExist();
    }

    @Test
    @DisplayName("the exit-code table says what the README and a failed setup check say: 4 is also a setup check that failed")
    void exitFourCoversSetupChecks() {
        String help = new CliHarness(tmp).run().out();
        assertThat(help).contains("  4   no runner can run this course here (engine missing or stopped),\n"
                + "      or one of the course's setup checks failed\n");
    }

    @Test
    @DisplayName("list marks the exercises that have a quiz, so a student learns of quizzes without --json")
    void listMarksQuizzes() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        String list = cli.run("list", "-C", "ws", "--no-color").out();
        assertThat(list).containsPattern("(?m)^  . 01_basics/04_fizzbuzz +FizzBuzz  \\+ quiz")
                .doesNotContainPattern("(?m)^  . 01_basics/01_hello .*quiz");
        CliHarness.Result none = cli.run("quiz", "01_hello", "-C", "ws");
        assertThat(none.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(none.err()).contains("has no quiz", "`progy list` marks the exercises that have one with + quiz")
                .doesNotContain("--json");
    }

    @Test
    @DisplayName("the sample course's 'reading compiler errors' shows the error as progy prints it when the student runs it")
    void readingErrorsReadmeShowsWhatRunPrints() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        Path hello = tmp.resolve("ws/content/01_basics/01_hello/Main.java");
        Files.writeString(hello, Files.readString(hello).replace("return \"\";", "return \"Hello, \" + name + \"!\";"));
        assertThat(cli.run("run", "01_hello", "-C", "ws").code()).isZero();
        CliHarness.Result r = cli.run("run", "02_reading_errors", "-C", "ws", "--no-color");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        String readme = Files.readString(tmp.resolve("ws/content/01_basics/02_reading_errors/README.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("error like:\\s+```\\n(.*?)\\n\\s*```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as(readme).isTrue();
        for (String line : block.group(1).lines().map(String::strip).toList()) {
            assertThat(r.out()).as(r.toString()).contains(line);
        }
    }

    @Test
    @DisplayName("running a locked exercise says it is locked, without first announcing a run with '▶'")
    void lockedRunHasNoHeader() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        CliHarness.Result r = cli.run("run", "02_collections/01_lists", "-C", "ws", "--no-color");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("is locked");
        assertThat(r.out()).as(r.toString()).doesNotContain("▶");
    }

    @Test
    @DisplayName("show and a pass point at an exercise's quiz, with -C when run from outside the workspace")
    void quizIsPointedAt() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("python-original").toString(), "ws").code()).isZero();
        assertThat(cli.run("show", "01_hello", "-C", "ws", "--no-color").out())
                .contains("then run it: progy run 01_basics/01_hello -C ws").doesNotContain("quiz");
        assertThat(cli.run("show", "02_conditions", "-C", "ws", "--no-color").out())
                .contains("then run it: progy run 01_basics/02_conditions -C ws; its quiz: progy quiz 01_basics/02_conditions -C ws");
        Path hello = tmp.resolve("ws/content/01_basics/01_hello/exercise.py");
        Files.writeString(hello, Files.readString(hello).replace("return \"\"", "return f\"Hello, {name}!\""));
        CliHarness.Result noQuiz = cli.run("run", "01_hello", "-C", "ws", "--no-color");
        assertThat(noQuiz.code()).as(noQuiz.toString()).isZero();
        assertThat(noQuiz.out()).doesNotContain("Quiz:");
        Path conditions = tmp.resolve("ws/content/01_basics/02_conditions/exercise.py");
        Files.copy(CliHarness.example("python-original").resolve("content/01_basics/02_conditions/solution.py"), conditions,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliHarness.Result pass = cli.run("run", "02_conditions", "-C", "ws", "--no-color");
        assertThat(pass.code()).as(pass.toString()).isZero();
        assertThat(pass.out()).contains("Quiz: progy quiz 01_basics/02_conditions -C ws");
    }

    @Test
    @DisplayName("a single-file exercise of an original course is named by its file or its module folder, as tab completion gives")
    void singleFileExerciseByPath() {
        java.nio.file.Path course = dev.progy.testkit.OriginalCourses.SINGLE_FILE.writeTo(tmp.resolve("course"));
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", course.toString(), "ws").code()).isZero();
        for (String named : java.util.List.of("content/01_hello/exercise.py", "content/01_hello", "01_hello", "01_hello/")) {
            CliHarness.Result r = cli.run("show", named, "-C", "ws", "--no-color");
            assertThat(r.code()).as(named + ": " + r).isZero();
            assertThat(r.out()).as(named).startsWith("01_hello/exercise ");
        }
        CliHarness.Result other = cli.run("show", "content/02_more/01_again/exercise.sh", "-C", "ws", "--no-color");
        assertThat(other.out()).as(other.toString()).startsWith("02_more/01_again ");
    }

    @Test
    @DisplayName("a mistyped --engine is refused as a usage error, not silently ignored")
    void unknownEngineRefused() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        for (String command : java.util.List.of("run", "doctor", "gc")) {
            CliHarness.Result r = cli.run(command, "--engine", "dokcer", "-C", "ws");
            assertThat(r.code()).as(command + ": " + r).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("error: --engine cannot be 'dokcer': use one of docker, podman or auto\n");
        }
    }
}
