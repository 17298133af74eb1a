package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy quiz} on the Java sample's quiz: five questions of three kinds, answered on stdin the way a student
 * types them, or from an answers file the way a script gives them.
 */
class QuizCommandTest {
    /** The sample quiz's questions in order: multiple choice, short answer, true/false, multiple choice, blank. */
    private static final String ALL_RIGHT = "a\n2\nfalse\nb\nsemicolon\n";
    private static final String ALL_WRONG = "c\n3\ntrue\na\ncomma\n";

    @TempDir
    Path tmp;
    CliHarness cli;
    String quizExercise;

    @BeforeEach
    void initJavaBasics() {
        cli = new CliHarness(tmp);
        CliHarness.Result init = cli.run("init", CliHarness.example("java-basics").toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        for (JsonNode e : CliJson.parse(cli.run("list", "--json", "-C", "ws").out())) {
            if (e.get("hasQuiz").asBoolean()) {
                quizExercise = e.get("id").asText();
                break;
            }
        }
        assertThat(quizExercise).as("list --json shows an exercise with a quiz").isEqualTo("01_basics/04_fizzbuzz");
    }

    private JsonNode quizProgress() {
        JsonNode progress = CliJson.parse(cli.run("progress", "--json", "-C", "ws").out());
        return progress.at("/quizzes/" + quizExercise.replace("/", "~1"));
    }

    @Test
    @DisplayName("answering every question right passes (exit 0), and progress shows the score, the pass and the XP")
    void allRight() {
        CliHarness.Result r = cli.runWithInput(new StringReader(ALL_RIGHT), "quiz", quizExercise, "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Operators and conditions", "1/5. What is the value of `7 / 2` in Java?", "a) 3",
                "✓ passed: 5 of 5 right, 100 %");
        JsonNode quiz = quizProgress();
        assertThat(quiz.get("passed").asBoolean()).isTrue();
        assertThat(quiz.get("score").asInt()).isEqualTo(100);
        assertThat(quiz.get("xpEarned").asInt()).isEqualTo(100 / 5 + 5);
        assertThat(cli.run("progress", "-C", "ws").out()).contains("XP 25").contains("quiz " + quizExercise + ": best 100 % passed");
    }

    @Test
    @DisplayName("answering every question wrong is not a pass (exit 1), explains each answer and earns no XP")
    void allWrong() {
        CliHarness.Result r = cli.runWithInput(new StringReader(ALL_WRONG), "quiz", quizExercise, "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("✗ not passed: 0 of 5 right, 0 %", "70 % needed")
                .contains("✗ 1. What is the value of `7 / 2` in Java?  int-division", "your answer: c) 4",
                        "right answer: a) 3", "Integer division does not round, it truncates.",
                        "✗ 5. Every Java statement ends with a ____.", "your answer: comma",
                        "right answer: semicolon (also accepted: ;)");
        JsonNode quiz = quizProgress();
        assertThat(quiz.get("passed").asBoolean()).isFalse();
        assertThat(quiz.get("score").asInt()).isZero();
        assertThat(quiz.get("xpEarned").asInt()).isZero();
    }

    @Test
    @DisplayName("a letter that is not an option, or a word that is not true or false, is asked again")
    void retypesWhatIsNotAnAnswer() {
        CliHarness.Result r = cli.runWithInput(new StringReader("z\na\n2\nmaybe\nfalse\nb\n;\n"), "quiz", quizExercise, "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("type a letter from a to c", "type true or false", "5 of 5 right");
    }

    @Test
    @DisplayName("--answers answers.json is graded and recorded exactly as the same answers typed")
    void answersFile() throws IOException {
        Files.writeString(tmp.resolve("right.json"), """
                {"int-division": "a", "remainder": "2", "check-order": false, "equality-operator": "b", "semicolon": "semicolon"}
                """);
        Files.writeString(tmp.resolve("wrong.json"), """
                {"int-division": "c", "remainder": "3", "check-order": true, "equality-operator": "a", "semicolon": "comma"}
                """);
        CliHarness.Result typedRight = cli.runWithInput(new StringReader(ALL_RIGHT), "quiz", quizExercise, "--json", "-C", "ws");
        CliHarness.Result fileRight = cli.run("quiz", quizExercise, "--answers", "right.json", "--json", "-C", "ws");
        CliHarness.Result typedWrong = cli.runWithInput(new StringReader(ALL_WRONG), "quiz", quizExercise, "--json", "-C", "ws");
        CliHarness.Result fileWrong = cli.run("quiz", quizExercise, "--answers", "wrong.json", "--json", "-C", "ws");

        assertThat(fileRight.code()).as(fileRight.toString()).isEqualTo(ExitCode.OK);
        assertThat(fileWrong.code()).as(fileWrong.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(CliJson.parse(fileRight.out())).isEqualTo(CliJson.parse(typedRight.out()));
        assertThat(CliJson.parse(fileWrong.out())).isEqualTo(CliJson.parse(typedWrong.out()));
        JsonNode quiz = quizProgress();
        assertThat(quiz.get("score").asInt()).as("the last attempt").isZero();
        assertThat(quiz.get("bestScore").asInt()).isEqualTo(100);
        assertThat(quiz.get("xpEarned").asInt()).as("XP is earned once").isEqualTo(25);
    }

    @Test
    @DisplayName("--json prints only the grade on stdout, questions going to stderr, in a documented shape")
    void jsonShape() {
        CliHarness.Result r = cli.runWithInput(new StringReader("a\n3\nfalse\nb\nsemicolon\n"), "quiz", quizExercise,
                "--json", "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("1/5. What is the value of `7 / 2` in Java?");
        JsonNode n = CliJson.parse(r.out());
        assertThat(n.get("exercise").asText()).isEqualTo(quizExercise);
        assertThat(n.get("score").asInt()).isEqualTo(80);
        assertThat(n.get("correct").asInt()).isEqualTo(4);
        assertThat(n.get("total").asInt()).isEqualTo(5);
        assertThat(n.get("passed").asBoolean()).isTrue();
        assertThat(n.get("feedback")).hasSize(5);
        JsonNode remainder = n.get("feedback").get(1);
        assertThat(remainder.get("question").asText()).isEqualTo("remainder");
        assertThat(remainder.get("correct").asBoolean()).isFalse();
        assertThat(remainder.get("message").asText()).isEqualTo("Not correct.");
        assertThat(remainder.get("explanation").asText()).contains("the remainder is 2");
    }

    @Test
    @DisplayName("a quiz on an exercise without one is a clear error (exit 5) that says where the quizzes are")
    void exerciseWithoutQuiz() {
        CliHarness.Result r = cli.run("quiz", "01_basics/01_hello", "-C", "ws");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("01_basics/01_hello has no quiz", "+ quiz").doesNotContain("Exception");

        JsonNode json = CliJson.parse(cli.run("quiz", "01_basics/01_hello", "--json", "-C", "ws").out());
        assertThat(json.get("error").asText()).contains("has no quiz");
    }

    @Test
    @DisplayName("input that ends before the last question records nothing and says so (exit 5)")
    void inputEndsEarly() {
        CliHarness.Result r = cli.runWithInput(new StringReader("a\n2\n"), "quiz", quizExercise, "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("question 3 of 5", "nothing was recorded", "--answers");
        assertThat(quizProgress().isMissingNode()).as("no attempt recorded").isTrue();
    }

    @Test
    @DisplayName("an answers file that is missing or not JSON is named in the error (exit 5)")
    void badAnswersFile() throws IOException {
        CliHarness.Result missing = cli.run("quiz", quizExercise, "--answers", "nope.json", "-C", "ws");
        assertThat(missing.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(missing.err()).contains("no answers file at").contains("nope.json");

        Files.writeString(tmp.resolve("broken.json"), "{\"int-division\": ");
        CliHarness.Result broken = cli.run("quiz", quizExercise, "--answers", "broken.json", "-C", "ws");
        assertThat(broken.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(broken.err()).contains("broken.json", "not valid JSON").doesNotContain("Exception");
    }

    @Test
    @DisplayName("questions with several right options and matching questions can be answered at the keyboard")
    void severalRightOptionsAndMatching() throws IOException {
        Path course = ShellCourse.write(tmp.resolve("quiz-course"), 20, "exit 0\n", "01_a");
        Files.writeString(course.resolve("content/01_basics/01_a/quiz.json"), """
                {"title": "Odds and pairs", "questions": [
                  {"id": "odd", "type": "multiple-choice", "question": "Which are odd?", "options": [
                    {"id": "one", "text": "1", "isCorrect": true}, {"id": "two", "text": "2", "isCorrect": false},
                    {"id": "three", "text": "3", "isCorrect": true}]},
                  {"id": "capitals", "type": "matching", "question": "Match each country with its capital.", "pairs": [
                    {"left": "France", "right": "Paris"}, {"left": "Italy", "right": "Rome"}]}
                ]}
                """);
        assertThat(cli.run("init", "quiz-course", "qws").code()).isZero();

        // the capitals are listed sorted: 1) Paris 2) Rome
        CliHarness.Result r = cli.runWithInput(new StringReader("x\na, c\n1\n2\n"), "quiz", "01_a", "-C", "qws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("More than one is right", "type letters from a to c", "2 of 2 right, 100 %");
    }
}
