package dev.progy.internal.quiz;

import dev.progy.error.NotFoundException;
import dev.progy.internal.course.Spelling;
import dev.progy.model.QuestionFeedback;

import dev.progy.model.QuizGrade;

import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grades a quiz attempt. Answers are keyed by question id; their shape follows the question's type:
 * <ul>
 *   <li>multiple-choice: the chosen option id (a {@code String}), or a collection of ids when several options are correct</li>
 *   <li>true-false: a {@code Boolean} (or the text {@code "true"} / {@code "false"})</li>
 *   <li>short-answer, fill-in-the-blank, essay: the text written</li>
 *   <li>matching: a {@code Map} from each left-hand item to the right-hand item chosen for it</li>
 *   <li>coding: the code; it is right only when it produces the expected output for every test case</li>
 * </ul>
 * A missing answer counts as wrong; an answer to a question the quiz does not have is refused; a coding answer that
 * cannot be run here is not checked, and leaves the score's denominator.
 */
public final class QuizGrader {

    /** How long one run of a coding answer may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final CodingCheck coding;

    /** A grader that runs coding answers through {@code executor}, each run limited to {@link #DEFAULT_TIMEOUT}. */
    public QuizGrader(CodeExecutor executor) {
        this(executor, DEFAULT_TIMEOUT);
    }

    public QuizGrader(CodeExecutor executor, Duration timeoutPerRun) {
        this.coding = new CodingCheck(Objects.requireNonNull(executor, "executor"),
                Objects.requireNonNull(timeoutPerRun, "timeoutPerRun"));
    }

    /** Grades {@code answers} (question id → answer) against {@code quiz}. */
    public QuizGrade grade(Quiz quiz, Map<String, ?> answers) {
        List<String> unknown = answers.keySet().stream().filter(id -> quiz.questions().stream()
                .noneMatch(q -> q.id().equals(id))).toList();
        if (!unknown.isEmpty()) {
            List<String> ids = quiz.questions().stream().map(QuizQuestion::id).toList();
            String meant = unknown.size() == 1 ? Spelling.closest(unknown.get(0), ids) : null;
            throw new NotFoundException("the quiz has no question " + String.join(", ", unknown.stream()
                    .map(id -> "'" + id + "'").toList()) + (meant == null ? "" : "; did you mean '" + meant + "'?"),
                    "its questions are " + String.join(", ",
                    quiz.questions().stream().map(QuizQuestion::id).toList()) + "; answer those ids");
        }
        List<QuestionFeedback> feedback = new ArrayList<>();
        int correct = 0;
        int checked = 0;
        for (QuizQuestion q : quiz.questions()) {
            Object answer = answers.get(q.id());
            QuestionFeedback f = isBlank(answer)
                    ? new QuestionFeedback(q.id(), false, "No answer given.", q.explanation())
                    : grade(q, answer);
            feedback.add(f);
            if (f.correct()) {
                correct++;
            }
            if (f.checked()) {
                checked++;
            }
        }
        int total = checked;
        int score = total == 0 ? 0 : (int) Math.round(correct * 100.0 / total);
        return new QuizGrade(score, correct, total, total > 0 && score >= Quiz.PASS_PERCENT, feedback);
    }

    private QuestionFeedback grade(QuizQuestion q, Object answer) {
        return switch (q.type()) {
            case MULTIPLE_CHOICE -> multipleChoice(q, answer);
            case TRUE_FALSE -> trueFalse(q, answer);
            case SHORT_ANSWER, FILL_IN_THE_BLANK -> text(q, answer);
            case MATCHING -> matching(q, answer);
            case ESSAY -> essay(q, answer);
            case CODING -> coding.grade(q, String.valueOf(answer));
        };
    }

    private static QuestionFeedback multipleChoice(QuizQuestion q, Object answer) {
        Set<String> chosen = new TreeSet<>();
        if (answer instanceof Collection<?> many) {
            many.forEach(a -> chosen.add(String.valueOf(a).trim()));
        } else {
            chosen.add(String.valueOf(answer).trim());
        }
        Set<String> right = new TreeSet<>();
        q.options().stream().filter(QuizQuestion.Option::correct).forEach(o -> right.add(o.id()));
        boolean ok = chosen.equals(right);
        // the author's note on the option chosen says more than a general explanation
        String explanation = q.options().stream()
                .filter(o -> chosen.contains(o.id()) && !o.explanation().isEmpty())
                .map(QuizQuestion.Option::explanation).findFirst().orElse(q.explanation());
        if (ok) {
            return new QuestionFeedback(q.id(), true, "Correct.", explanation);
        }
        boolean known = q.options().stream().anyMatch(o -> chosen.contains(o.id()));
        return new QuestionFeedback(q.id(), false,
                known ? "Not correct." : "Not one of the options: " + String.join(", ", chosen) + ".", explanation);
    }

    private static QuestionFeedback trueFalse(QuizQuestion q, Object answer) {
        Boolean given = answer instanceof Boolean b ? b : switch (String.valueOf(answer).trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
        if (given == null) {
            return new QuestionFeedback(q.id(), false, "Answer true or false.", q.explanation());
        }
        boolean ok = q.correctAnswer().map(given::equals).orElse(false);
        return new QuestionFeedback(q.id(), ok, ok ? "Correct." : "Not correct.", q.explanation());
    }

    private static QuestionFeedback text(QuizQuestion q, Object answer) {
        String given = String.valueOf(answer).trim();
        boolean ok = q.acceptedAnswers().stream().map(String::trim).anyMatch(accepted -> q.caseSensitive()
                ? accepted.equals(given)
                : accepted.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT)));
        return new QuestionFeedback(q.id(), ok, ok ? "Correct." : "Not correct.", q.explanation());
    }

    private static QuestionFeedback matching(QuizQuestion q, Object answer) {
        if (!(answer instanceof Map<?, ?> chosen)) {
            return new QuestionFeedback(q.id(), false, "Match each item on the left with one on the right.",
                    q.explanation());
        }
        int wrong = 0;
        for (QuizQuestion.Pair pair : q.pairs()) {
            Object right = chosen.get(pair.left());
            if (right == null || !String.valueOf(right).trim().equals(pair.right().trim())) {
                wrong++;
            }
        }
        if (wrong == 0) {
            return new QuestionFeedback(q.id(), true, "Correct.", q.explanation());
        }
        return new QuestionFeedback(q.id(), false, wrong + " of " + q.pairs().size()
                + (q.pairs().size() == 1 ? " pair is" : " pairs are") + " not matched right.", q.explanation());
    }

    private static QuestionFeedback essay(QuizQuestion q, Object answer) {
        String text = String.valueOf(answer).trim();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        int needed = Math.max(1, q.minWords());
        if (words >= needed) {
            return new QuestionFeedback(q.id(), true, "Counted: " + words + " words.", q.rubric());
        }
        return new QuestionFeedback(q.id(), false, "Too short: " + words + (words == 1 ? " word" : " words")
                + ", at least " + needed + " needed.", q.rubric());
    }

    private static boolean isBlank(Object answer) {
        if (answer == null) {
            return true;
        }
        if (answer instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (answer instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return answer instanceof CharSequence s && s.toString().isBlank();
    }
}
