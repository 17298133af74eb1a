package dev.progy.internal.quiz;

import dev.progy.model.QuestionFeedback;

import dev.progy.model.QuizGrade;

import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Grading a quiz")
class QuizGraderTest {

    private final QuizGrader grader = new QuizGrader(new HostCodeExecutor(), Duration.ofSeconds(10));

    static QuizQuestion question(String id, QuizQuestion.Type type) {
        return new QuizQuestion(id, type, "?", "", List.of(), Optional.empty(), List.of(), false, "", "", "",
                List.of(), List.of(), 0, "");
    }

    static QuizQuestion multipleChoice(String id, QuizQuestion.Option... options) {
        QuizQuestion q = question(id, QuizQuestion.Type.MULTIPLE_CHOICE);
        return new QuizQuestion(id, q.type(), "Pick", "General explanation.", List.of(options), Optional.empty(),
                List.of(), false, "", "", "", List.of(), List.of(), 0, "");
    }

    static QuizQuestion trueFalse(String id, boolean answer) {
        return new QuizQuestion(id, QuizQuestion.Type.TRUE_FALSE, "?", "", List.of(), Optional.of(answer), List.of(),
                false, "", "", "", List.of(), List.of(), 0, "");
    }

    static QuizQuestion text(String id, QuizQuestion.Type type, boolean caseSensitive, String... accepted) {
        return new QuizQuestion(id, type, "?", "", List.of(), Optional.empty(), List.of(accepted), caseSensitive,
                "", "", "", List.of(), List.of(), 0, "");
    }

    static QuizQuestion matching(String id, QuizQuestion.Pair... pairs) {
        return new QuizQuestion(id, QuizQuestion.Type.MATCHING, "?", "", List.of(), Optional.empty(), List.of(),
                false, "", "", "", List.of(), List.of(pairs), 0, "");
    }

    static QuizQuestion essay(String id, int minWords) {
        return new QuizQuestion(id, QuizQuestion.Type.ESSAY, "?", "", List.of(), Optional.empty(), List.of(), false,
                "", "", "", List.of(), List.of(), minWords, "Mentions readability.");
    }

    static QuizQuestion coding(String id, String language, String solution, QuizQuestion.TestCase... cases) {
        return new QuizQuestion(id, QuizQuestion.Type.CODING, "Write it", "", List.of(), Optional.empty(),
                List.of(), false, language, "", solution, List.of(cases), List.of(), 0, "");
    }

    private QuestionFeedback gradeOne(QuizQuestion q, Object answer) {
        Map<String, Object> answers = new HashMap<>();
        answers.put(q.id(), answer);
        QuizGrade grade = grader.grade(new Quiz("Q", "", List.of(q)), answers);
        assertThat(grade.feedback()).hasSize(1);
        return grade.feedback().get(0);
    }

    @Nested
    @DisplayName("multiple-choice")
    class MultipleChoice {
        private final QuizQuestion q = multipleChoice("mc",
                new QuizQuestion.Option("a", "print", true, "print writes to stdout."),
                new QuizQuestion.Option("b", "echo", false, "echo is a shell command."));

        @Test
        @DisplayName("is right when the correct option id is chosen")
        void right() {
            QuestionFeedback f = gradeOne(q, "a");
            assertThat(f.correct()).isTrue();
            assertThat(f.explanation()).isEqualTo("print writes to stdout.");
        }

        @Test
        @DisplayName("is wrong otherwise, with the chosen option's explanation")
        void wrong() {
            QuestionFeedback f = gradeOne(q, "b");
            assertThat(f.correct()).isFalse();
            assertThat(f.explanation()).isEqualTo("echo is a shell command.");
            assertThat(gradeOne(q, "z").message()).contains("Not one of the options");
        }

        @Test
        @DisplayName("with several correct options needs all of them, and only them")
        void several() {
            QuizQuestion many = multipleChoice("m2", new QuizQuestion.Option("a", "A", true, ""),
                    new QuizQuestion.Option("b", "B", true, ""), new QuizQuestion.Option("c", "C", false, ""));
            assertThat(gradeOne(many, List.of("b", "a")).correct()).isTrue();
            assertThat(gradeOne(many, List.of("a")).correct()).isFalse();
            assertThat(gradeOne(many, Set.of("a", "b", "c")).correct()).isFalse();
        }
    }

    @Test
    @DisplayName("true-false accepts a boolean or its text")
    void trueFalseQuestion() {
        assertThat(gradeOne(trueFalse("tf", false), false).correct()).isTrue();
        assertThat(gradeOne(trueFalse("tf", false), " False ").correct()).isTrue();
        assertThat(gradeOne(trueFalse("tf", false), true).correct()).isFalse();
        assertThat(gradeOne(trueFalse("tf", true), "maybe").message()).isEqualTo("Answer true or false.");
    }

    @Test
    @DisplayName("short-answer trims the answer and ignores case unless told otherwise")
    void shortAnswer() {
        QuizQuestion q = text("sa", QuizQuestion.Type.SHORT_ANSWER, false, "Print", "print()");
        assertThat(gradeOne(q, "  PRINT \n").correct()).isTrue();
        assertThat(gradeOne(q, "echo").correct()).isFalse();
        QuizQuestion strict = text("cs", QuizQuestion.Type.SHORT_ANSWER, true, ">>>", "Ada");
        assertThat(gradeOne(strict, " Ada").correct()).isTrue();
        assertThat(gradeOne(strict, "ada").correct()).isFalse();
    }

    @Test
    @DisplayName("fill-in-the-blank is graded like a short answer")
    void fillInTheBlank() {
        QuizQuestion q = text("fb", QuizQuestion.Type.FILL_IN_THE_BLANK, false, "len");
        assertThat(gradeOne(q, "LEN").correct()).isTrue();
        assertThat(gradeOne(q, "length").correct()).isFalse();
    }

    @Test
    @DisplayName("matching needs every pair right and says how many are not")
    void matchingQuestion() {
        QuizQuestion q = matching("m", new QuizQuestion.Pair("int", "42"), new QuizQuestion.Pair("str", "'a'"));
        assertThat(gradeOne(q, Map.of("int", "42", "str", "'a'")).correct()).isTrue();
        QuestionFeedback wrong = gradeOne(q, Map.of("int", "'a'", "str", "'a'"));
        assertThat(wrong.correct()).isFalse();
        assertThat(wrong.message()).isEqualTo("1 of 2 pairs are not matched right.");
        assertThat(gradeOne(q, "int=42").correct()).isFalse();
    }

    @Test
    @DisplayName("an essay counts when it reaches the minimum number of words, and not before")
    void essayQuestion() {
        QuizQuestion q = essay("e", 5);
        QuestionFeedback enough = gradeOne(q, "Python reads almost like English prose.");
        assertThat(enough.correct()).isTrue();
        assertThat(enough.explanation()).isEqualTo("Mentions readability.");
        QuestionFeedback short_ = gradeOne(q, "It is  readable.");
        assertThat(short_.correct()).isFalse();
        assertThat(short_.message()).isEqualTo("Too short: 3 words, at least 5 needed.");
    }

    @Test
    @DisplayName("an unanswered question counts as wrong")
    void unanswered() {
        QuizGrade grade = grader.grade(new Quiz("Q", "", List.of(essay("e", 0), trueFalse("tf", true))),
                Map.of("e", "   "));
        assertThat(grade.feedback()).extracting(QuestionFeedback::message)
                .containsExactly("No answer given.", "No answer given.");
        assertThat(grade.correct()).isZero();
    }

    @Test
    @DisplayName("scores the share of right answers and passes at 70 %")
    void scoreAndPass() {
        List<QuizQuestion> questions = List.of(trueFalse("1", true), trueFalse("2", true), trueFalse("3", true),
                trueFalse("4", true), trueFalse("5", true), trueFalse("6", true), trueFalse("7", true));
        Quiz quiz = new Quiz("Q", "", questions);
        Map<String, Object> fiveRight = Map.of("1", true, "2", true, "3", true, "4", true, "5", true, "6", false);
        QuizGrade passed = grader.grade(quiz, fiveRight);
        assertThat(passed).extracting(QuizGrade::score, QuizGrade::correct, QuizGrade::total, QuizGrade::passed)
                .containsExactly(71, 5, 7, true);
        Map<String, Object> fourRight = Map.of("1", true, "2", true, "3", true, "4", true);
        QuizGrade failed = grader.grade(quiz, fourRight);
        assertThat(failed).extracting(QuizGrade::score, QuizGrade::correct, QuizGrade::passed)
                .containsExactly(57, 4, false);
        assertThat(failed.feedback()).hasSize(7);
    }
}
