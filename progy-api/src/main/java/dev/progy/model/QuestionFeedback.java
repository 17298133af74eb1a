package dev.progy.model;

/**
 * How one question was answered.
 *
 * @param questionId  the question's id
 * @param correct     whether the answer counts as correct
 * @param message     what was right or wrong about the answer, e.g. "test 2: expected 5, got 4"
 * @param explanation the author's explanation of the question or of the chosen option; may be empty
 */
public record QuestionFeedback(String questionId, boolean correct, String message, String explanation) { }
