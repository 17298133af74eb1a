package dev.progy.internal.quiz;

import dev.progy.model.QuestionFeedback;

import dev.progy.model.QuizQuestion;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Grades a coding answer by running it. The original Progy accepted any non-empty answer; here an answer is right
 * only when it prints the expected output for every test case, or, when the question has none, the same output as
 * the author's solution.
 */
final class CodingCheck {

    private final CodeExecutor executor;
    private final Duration timeout;

    CodingCheck(CodeExecutor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    QuestionFeedback grade(QuizQuestion q, String code) {
        if (!executor.supports(q.language())) {
            return cannotCheck(q, "no " + q.language() + " runtime is available to run the answer");
        }
        try {
            List<QuizQuestion.TestCase> cases = q.testCases();
            if (cases.isEmpty()) {
                CodeExecutor.Execution reference = executor.run(q.language(), q.solutionCode(), "", timeout);
                if (reference.timedOut() || reference.exitCode() != 0) {
                    return cannotCheck(q, "the question's own solution does not run cleanly");
                }
                cases = List.of(new QuizQuestion.TestCase("", reference.stdout()));
            }
            for (int i = 0; i < cases.size(); i++) {
                String failure = failure(q.language(), code, cases.get(i));
                if (failure != null) {
                    String which = cases.size() == 1 ? "" : "Test " + (i + 1) + " of " + cases.size() + ": ";
                    return new QuestionFeedback(q.id(), false, which + failure, q.explanation());
                }
            }
            String passed = q.testCases().isEmpty() ? "Correct: the output matches the solution's."
                    : "Correct: passed " + (cases.size() == 1 ? "the test." : "all " + cases.size() + " tests.");
            return new QuestionFeedback(q.id(), true, passed, q.explanation());
        } catch (RuntimeException e) {
            return cannotCheck(q, String.valueOf(e.getMessage()));
        }
    }

    /** Why the code fails this case, or null when it passes. */
    private String failure(String language, String code, QuizQuestion.TestCase test) {
        CodeExecutor.Execution run = executor.run(language, code, test.input(), timeout);
        if (run.timedOut()) {
            return "the code ran longer than " + timeout.toSeconds() + " s and was stopped.";
        }
        if (run.exitCode() != 0) {
            return "the code failed (exit code " + run.exitCode() + ").";
        }
        if (!normalize(run.stdout()).equals(normalize(test.expectedOutput()))) {
            return "expected output " + quote(test.expectedOutput()) + " but got " + quote(run.stdout()) + ".";
        }
        return null;
    }

    private static QuestionFeedback cannotCheck(QuizQuestion q, String why) {
        return new QuestionFeedback(q.id(), false, "Not checked here: " + why + ".", q.explanation(), false);
    }

    /** Output compared line by line without trailing spaces, ignoring surrounding whitespace and \r\n vs \n. */
    static String normalize(String output) {
        return output.replace("\r\n", "\n").lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip();
    }

    private static String quote(String output) {
        String n = normalize(output);
        String shown = n.length() > 200 ? n.substring(0, 197) + "..." : n;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
