package dev.progy.cli;

import dev.progy.model.QuizQuestion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A quiz answer, and a question's right answer, written out for the student to compare. */
final class QuizAnswers {
    private QuizAnswers() { }

    /** What the student answered, as they would recognise it: an option's letter and text, the code they wrote. */
    static String given(QuizQuestion q, Object answer) {
        if (answer == null || answer instanceof CharSequence c && c.toString().isBlank()
                || answer instanceof Collection<?> col && col.isEmpty() || answer instanceof Map<?, ?> m && m.isEmpty()) {
            return "(none)";
        }
        return switch (q.type()) {
            case MULTIPLE_CHOICE -> {
                List<String> ids = new ArrayList<>();
                if (answer instanceof Collection<?> many) {
                    many.forEach(a -> ids.add(String.valueOf(a).trim()));
                } else {
                    ids.add(String.valueOf(answer).trim());
                }
                yield ids.stream().map(id -> option(q, id)).collect(Collectors.joining("; "));
            }
            case MATCHING -> answer instanceof Map<?, ?> m ? m.entrySet().stream()
                    .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining("; ")) : String.valueOf(answer);
            default -> String.valueOf(answer).strip();
        };
    }

    /** The right answer; empty where a question has none to show (an essay). */
    static String right(QuizQuestion q) {
        return switch (q.type()) {
            case MULTIPLE_CHOICE -> q.options().stream().filter(QuizQuestion.Option::correct)
                    .map(o -> option(q, o.id())).collect(Collectors.joining("; "));
            case TRUE_FALSE -> q.correctAnswer().map(String::valueOf).orElse("");
            case SHORT_ANSWER, FILL_IN_THE_BLANK -> q.acceptedAnswers().isEmpty() ? "" : q.acceptedAnswers().get(0)
                    + (q.acceptedAnswers().size() > 1 ? " (also accepted: "
                    + String.join(", ", q.acceptedAnswers().subList(1, q.acceptedAnswers().size())) + ")" : "");
            case MATCHING -> q.pairs().stream().map(p -> p.left() + " → " + p.right()).collect(Collectors.joining("; "));
            case CODING -> q.solutionCode().strip();
            case ESSAY -> "";
        };
    }

    /** An option as {@code b) its text}; an id the question does not have as itself. */
    private static String option(QuizQuestion q, String id) {
        for (int i = 0; i < q.options().size(); i++) {
            if (q.options().get(i).id().equalsIgnoreCase(id)) {
                return (char) ('a' + i) + ") " + q.options().get(i).text();
            }
        }
        return id;
    }
}
