package dev.progy.cli.ui;

import dev.progy.model.QuestionFeedback;
import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A quiz as an HTML form and back: field {@code q.<id>} holds a question's answer (several values for a question
 * with more than one right option), {@code q.<id>.<left>} a matching question's pick. Grading is the SDK's, here.
 */
final class QuizForm {
    private QuizForm() { }

    /** The answers in the shape {@code Progy.gradeQuiz} takes; a question left blank is answered with nothing. */
    static Map<String, Object> answers(Quiz quiz, Map<String, List<String>> form) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (QuizQuestion q : quiz.questions()) {
            List<String> values = form.getOrDefault("q." + q.id(), List.of());
            String first = values.isEmpty() ? "" : values.get(0);
            switch (q.type()) {
                case MULTIPLE_CHOICE -> {
                    if (several(q)) {
                        answers.put(q.id(), List.copyOf(values));
                    } else {
                        answers.put(q.id(), first);
                    }
                }
                case TRUE_FALSE -> {
                    if (!first.isEmpty()) {
                        answers.put(q.id(), Boolean.parseBoolean(first));
                    } else {
                        answers.put(q.id(), "");
                    }
                }
                case MATCHING -> {
                    Map<String, String> picks = new LinkedHashMap<>();
                    for (QuizQuestion.Pair p : q.pairs()) {
                        List<String> v = form.getOrDefault("q." + q.id() + "." + p.left(), List.of());
                        if (!v.isEmpty() && !v.get(0).isEmpty()) {
                            picks.put(p.left(), v.get(0));
                        }
                    }
                    answers.put(q.id(), picks);
                }
                default -> answers.put(q.id(), first.replace("\r\n", "\n"));
            }
        }
        return answers;
    }

    static boolean several(QuizQuestion q) {
        return q.options().stream().filter(QuizQuestion.Option::correct).count() > 1;
    }

    static Views.Question question(QuizQuestion q, String textHtml, int number, Map<String, List<String>> form, QuestionFeedback f,
                                   String rightAnswer) {
        List<String> given = form == null ? List.of() : form.getOrDefault("q." + q.id(), List.of());
        String kind = switch (q.type()) {
            case MULTIPLE_CHOICE -> several(q) ? "choices" : "choice";
            case TRUE_FALSE -> "truefalse";
            case SHORT_ANSWER, FILL_IN_THE_BLANK -> "text";
            case CODING -> "code";
            case ESSAY -> "essay";
            case MATCHING -> "matching";
        };
        List<Views.Option> options = q.options().stream()
                .map(o -> new Views.Option(o.id(), o.text(), given.contains(o.id()))).toList();
        List<Views.Pair> pairs = new ArrayList<>();
        LinkedHashSet<String> rights = new LinkedHashSet<>();
        for (QuizQuestion.Pair p : q.pairs()) {
            List<String> v = form == null ? List.of() : form.getOrDefault("q." + q.id() + "." + p.left(), List.of());
            pairs.add(new Views.Pair(p.left(), v.isEmpty() ? "" : v.get(0)));
            rights.add(p.right());
        }
        List<String> sortedRights = new ArrayList<>(rights);
        sortedRights.sort(String::compareTo); // the form must not give the pairing away by its order
        String verdict = f == null ? "" : !f.checked() ? "unchecked" : f.correct() ? "right" : "wrong";
        return new Views.Question(q.id(), number, kind, textHtml, options, pairs, sortedRights,
                q.startingCode() == null ? "" : q.startingCode(), given.isEmpty() ? "" : given.get(0), verdict,
                f == null || f.message() == null ? "" : f.message(), rightAnswer == null ? "" : rightAnswer,
                f == null || f.explanation() == null ? "" : f.explanation());
    }
}
