package dev.progy.model;

/**
 * How one question was answered.
 *
 * @param questionId  the question's id
 * @param correct     whether the answer counts as correct (false when it was not checked)
 * @param message     what was right or wrong about the answer, e.g. "test 2: expected 5, got 4"
 * @param explanation the author's explanation of the question or of the chosen option; may be empty
 * @param checked     false when the answer could not be checked here (a coding question in a language with no
 *                    runtime on this machine): it is then neither right nor wrong and does not count in the score
 */
public record QuestionFeedback(String questionId, boolean correct, String message, String explanation, boolean checked) {

    /** Feedback on an answer that was checked. */
    public QuestionFeedback(String questionId, boolean correct, String message, String explanation) {
        this(questionId, correct, message, explanation, true);
    }
}
