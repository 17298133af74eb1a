package dev.progy.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quiz's coding question in a language this machine's grader has no runtime for (a shell script) is run in the
 * course's container, on a real engine.
 */
class QuizContainerTest {

    @TempDir
    Path tmp;
    private CliHarness cli;

    @BeforeEach
    void course() throws IOException {
        cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "quiz-box", "name": "Quiz in a box",
                 "runners": [{"id": "sh", "command": "sh", "args": ["-c", "exit 1"]},
                             {"id": "container", "type": "docker-file", "command": "sh", "args": ["-c", "exit 1"]}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM " + System.getenv().getOrDefault("PROGY_TEST_IMAGE",
                "progy/busybox:test") + "\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_first"));
        Files.writeString(ex.resolve("README.md"), "# First\n");
        Files.writeString(ex.resolve("exercise.sh"), "todo\n");
        Files.writeString(ex.resolve("quiz.json"), """
                {"title": "Shell", "questions": [
                  {"id": "double", "type": "coding", "language": "sh", "question": "Print twice the number read.",
                   "solutionCode": "read x; echo $((x * 2))", "testCases": [{"input": "21", "expectedOutput": "42"}]}]}
                """);
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();
        Files.writeString(tmp.resolve("right.json"), "{\"double\": \"read x\\necho $((x + x))\\n\"}");
        Files.writeString(tmp.resolve("wrong.json"), "{\"double\": \"read x\\necho $x\\n\"}");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"docker", "podman"})
    @DisplayName("a shell answer is graded in the course's container: right when its output is, wrong when not")
    void gradedInTheContainer(String engine) throws IOException {
        Engines.requireOrSkip(tmp, engine);
        CliHarness.Result right = cli.run("quiz", "01_first", "--answers", "right.json", "--engine", engine, "-C", "ws");
        assertThat(right.code()).as(right.toString()).isZero();
        assertThat(right.out()).contains("✓ 1. Print twice the number read.", "1 of 1 right, 100 %");

        CliHarness.Result wrong = cli.run("quiz", "01_first", "--answers", "wrong.json", "--engine", engine, "-C", "ws");
        assertThat(wrong.code()).isEqualTo(ExitCode.FAILED);
        assertThat(wrong.out()).contains("expected output \"42\" but got \"21\"", "right answer: read x; echo $((x * 2))");
        try (Stream<Path> left = Files.list(tmp.resolve("ws/content"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no scratch folder is left").containsOnly("01_basics");
        }
    }
}
