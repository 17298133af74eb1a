package dev.progy.model;

import java.util.List;

/**
 * The grade of a quiz attempt.
 *
 * @param score    percent of the checked questions answered correctly, 0–100, rounded
 * @param correct  questions answered correctly
 * @param total    questions checked: the quiz's questions but those that could not be checked here (see
 *                 {@link QuestionFeedback#checked()})
 * @param passed   whether the score reaches {@value dev.progy.model.Quiz#PASS_PERCENT} %
 * @param feedback one entry per question, in quiz order
 */
public record QuizGrade(int score, int correct, int total, boolean passed, List<QuestionFeedback> feedback) {

    public QuizGrade {
        feedback = List.copyOf(feedback);
    }

    /** Questions that could not be checked here, so count neither way. */
    public long notChecked() {
        return feedback.stream().filter(f -> !f.checked()).count();
    }
}
