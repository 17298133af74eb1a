package dev.progy.internal.quiz;

import dev.progy.model.QuestionFeedback;

import dev.progy.model.QuizGrade;

import dev.progy.internal.course.CourseReader;
import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.progy.internal.quiz.QuizGraderTest.coding;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A coding question, graded by running the answer with python3")
class CodingQuestionTest {

    private final QuizGrader grader = new QuizGrader(new HostCodeExecutor(), Duration.ofSeconds(5));

    private static final QuizQuestion SUM = coding("sum", "python", "print(sum(int(x) for x in input().split()))",
            new QuizQuestion.TestCase("1 2\n", "3"),
            new QuizQuestion.TestCase("10 20 30\n", "60\n"));

    private QuestionFeedback grade(QuizQuestion q, String code) {
        return grader.grade(new Quiz("Q", "", List.of(q)), Map.of(q.id(), code)).feedback().get(0);
    }

    @Test
    @DisplayName("is right when the answer prints the expected output for every test case")
    void right() {
        QuestionFeedback f = grade(SUM, "a = input().split()\nprint(int(a[0]) + sum(map(int, a[1:])))\n");
        assertThat(f.correct()).as(f.message()).isTrue();
        assertThat(f.message()).isEqualTo("Correct: passed all 2 tests.");
    }

    @Test
    @DisplayName("is wrong when any test case prints something else, saying which and what")
    void wrongOutput() {
        QuestionFeedback f = grade(SUM, "a = input().split()\nprint(int(a[0]) + int(a[1]))\n");
        assertThat(f.correct()).isFalse();
        assertThat(f.message()).isEqualTo("Test 2 of 2: expected output \"60\" but got \"30\".");
    }

    @Test
    @DisplayName("is not passed by any non-empty answer (the original's bug)")
    void nonEmptyIsNotEnough() {
        QuestionFeedback f = grade(SUM, "# I am done\n");
        assertThat(f.correct()).isFalse();
        assertThat(f.message()).contains("expected output \"3\" but got \"\"");
    }

    @Test
    @DisplayName("is wrong when the answer crashes")
    void crash() {
        QuestionFeedback f = grade(SUM, "raise SystemExit(3)\n");
        assertThat(f.correct()).isFalse();
        assertThat(f.message()).isEqualTo("Test 1 of 2: the code failed (exit code 3).");
    }

    @Test
    @DisplayName("is wrong when the answer never ends, and it is stopped at the timeout")
    void timeout() {
        QuizGrader quick = new QuizGrader(new HostCodeExecutor(), Duration.ofMillis(1500));
        QuizQuestion q = coding("loop", "python", "print(1)", new QuizQuestion.TestCase("", "1"));
        QuestionFeedback f = quick.grade(new Quiz("Q", "", List.of(q)), Map.of("loop", "while True:\n    pass\n"))
                .feedback().get(0);
        assertThat(f.correct()).isFalse();
        assertThat(f.message()).contains("ran longer than 1 s and was stopped");
    }

    @Test
    @DisplayName("without test cases is compared with the output of the author's solution")
    void againstSolution() {
        QuizQuestion q = coding("hello", "python", "print('Hello, world')");
        assertThat(grade(q, "print('Hello, ' + 'world')").correct()).isTrue();
        QuestionFeedback wrong = grade(q, "print('Hello')");
        assertThat(wrong.correct()).isFalse();
        assertThat(wrong.message()).isEqualTo("expected output \"Hello, world\" but got \"Hello\".");
    }

    @Test
    @DisplayName("in a language nothing here can run is not checked: neither right nor wrong, and out of the score")
    void unsupportedLanguage() {
        QuizQuestion q = coding("cob", "cobol", "DISPLAY 'HI'.", new QuizQuestion.TestCase("", "HI"));
        QuestionFeedback f = grade(q, "DISPLAY 'HI'.");
        assertThat(f.checked()).isFalse();
        assertThat(f.message()).isEqualTo("Not checked here: no cobol runtime is available to run the answer.");
        QuizQuestion tf = new QuizQuestion("tf", QuizQuestion.Type.TRUE_FALSE, "Is 1 odd?", "", List.of(),
                java.util.Optional.of(true), List.of(), false, "", "", "", List.of(), List.of(), 0, "");
        QuizGrade grade = grader.grade(new Quiz("q", "", List.of(q, tf)), Map.of("cob", "DISPLAY 'HI'.", "tf", true));
        assertThat(grade.total()).isEqualTo(1);
        assertThat(grade.score()).isEqualTo(100);
        assertThat(grade.passed()).isTrue();
        assertThat(grade.notChecked()).isEqualTo(1);
    }

    @Test
    @DisplayName("from a course's quiz.json is graded along with the other question types")
    void fromCourse() throws URISyntaxException {
        Path course = Path.of(getClass().getResource("/courses/valid/python-basics").toURI());
        Quiz quiz = CourseReader.read(course).exercise("01_basics/01_hello").orElseThrow().quiz().orElseThrow();
        QuizGrade grade = grader.grade(quiz, Map.of(
                "q1", "a",
                "q2", true,
                "q3", ">>>",
                "q4", "Print",
                "q5", "name = input().strip()\nprint(f'Hello, {name}')\n",
                "q6", Map.of("int", "42", "str", "'a'"),
                "q7", "short"));
        assertThat(grade.feedback()).extracting(QuestionFeedback::correct)
                .containsExactly(true, true, true, true, true, true, false);
        assertThat(grade).extracting(QuizGrade::score, QuizGrade::passed).containsExactly(86, true);
    }
}
