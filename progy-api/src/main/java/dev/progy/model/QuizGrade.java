package dev.progy.model;

import java.util.List;

/**
 * The grade of a quiz attempt.
 *
 * @param score    percent of questions answered correctly, 0–100, rounded
 * @param correct  questions answered correctly
 * @param total    questions in the quiz
 * @param passed   whether the score reaches {@value dev.progy.model.Quiz#PASS_PERCENT} %
 * @param feedback one entry per question, in quiz order
 */
public record QuizGrade(int score, int correct, int total, boolean passed, List<QuestionFeedback> feedback) {

    public QuizGrade {
        feedback = List.copyOf(feedback);
    }
}
