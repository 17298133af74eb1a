package dev.progy.model;

import java.util.List;

/**
 * A quiz from an exercise's {@code quiz.json}. A quiz passes at {@value #PASS_PERCENT} %.
 *
 * @param title       title
 * @param description may be empty
 * @param questions   at least one
 */
public record Quiz(String title, String description, List<QuizQuestion> questions) {

    /** Score (percent) at or above which a quiz passes. */
    public static final int PASS_PERCENT = 70;

    public Quiz {
        questions = List.copyOf(questions);
    }
}
