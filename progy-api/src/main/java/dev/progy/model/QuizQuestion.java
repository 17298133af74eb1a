package dev.progy.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One question of a quiz. Which fields matter depends on {@link #type()}; the others are empty.
 *
 * @param id              unique within the quiz
 * @param type            the kind of question
 * @param question        the prompt (Markdown)
 * @param explanation     shown after answering; may be empty
 * @param options         multiple-choice
 * @param correctAnswer   true-false
 * @param acceptedAnswers short-answer, fill-in-the-blank
 * @param caseSensitive   short-answer, fill-in-the-blank
 * @param language        coding
 * @param startingCode    coding; may be empty
 * @param solutionCode    coding; may be empty
 * @param testCases       coding
 * @param pairs           matching
 * @param minWords        essay; 0 when unset
 * @param rubric          essay; may be empty
 */
public record QuizQuestion(
        String id,
        Type type,
        String question,
        String explanation,
        List<Option> options,
        Optional<Boolean> correctAnswer,
        List<String> acceptedAnswers,
        boolean caseSensitive,
        String language,
        String startingCode,
        String solutionCode,
        List<TestCase> testCases,
        List<Pair> pairs,
        int minWords,
        String rubric) {

    public QuizQuestion {
        options = List.copyOf(options);
        acceptedAnswers = List.copyOf(acceptedAnswers);
        testCases = List.copyOf(testCases);
        pairs = List.copyOf(pairs);
    }

    /** Question kinds, named as in quiz.json. */
    public enum Type {
        MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER, FILL_IN_THE_BLANK, CODING, MATCHING, ESSAY;

        /** The name used in quiz.json, e.g. {@code multiple-choice}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses a quiz.json type name. */
        public static Optional<Type> parse(String jsonName) {
            for (Type t : values()) {
                if (t.jsonName().equals(jsonName)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** A multiple-choice option. */
    public record Option(String id, String text, boolean correct, String explanation) { }

    /** A coding question's test case: input on stdin, expected stdout. */
    public record TestCase(String input, String expectedOutput) { }

    /** A matching pair. */
    public record Pair(String left, String right) { }
}
