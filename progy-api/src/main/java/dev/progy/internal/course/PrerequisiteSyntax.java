package dev.progy.internal.course;

import dev.progy.model.Prerequisite;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses prerequisites as written in info.toml: {@code module:<dir>}, {@code exercise:<mod>/<ex>}, {@code quiz:<mod>/<ex>[:<minScore>]}. */
final class PrerequisiteSyntax {

    static final String FORMS = "module:<module folder>, exercise:<module>/<exercise> or quiz:<module>/<exercise>[:<min score>]";

    private static final Pattern MODULE = Pattern.compile("module:([^/:\\s]+)");
    private static final Pattern EXERCISE = Pattern.compile("exercise:([^/:\\s]+/[^/:\\s]+)");
    private static final Pattern QUIZ = Pattern.compile("quiz:([^/:\\s]+/[^/:\\s]+)(?::(\\d{1,3}))?");

    private PrerequisiteSyntax() {
    }

    /**
     * The prerequisite {@code text} describes.
     *
     * @throws IllegalArgumentException with a message for the author when it follows none of the forms
     */
    static Prerequisite parse(String text) {
        String t = text.trim();
        Matcher m = MODULE.matcher(t);
        if (m.matches()) {
            return new Prerequisite(Prerequisite.Kind.MODULE, m.group(1), OptionalInt.empty());
        }
        m = EXERCISE.matcher(t);
        if (m.matches()) {
            return new Prerequisite(Prerequisite.Kind.EXERCISE, m.group(1), OptionalInt.empty());
        }
        m = QUIZ.matcher(t);
        if (m.matches()) {
            if (m.group(2) == null) {
                return new Prerequisite(Prerequisite.Kind.QUIZ, m.group(1), OptionalInt.empty());
            }
            int score = Integer.parseInt(m.group(2));
            if (score > 100) {
                throw new IllegalArgumentException("prerequisite \"" + text + "\" asks for a quiz score of " + score
                        + "; a score is between 0 and 100");
            }
            return new Prerequisite(Prerequisite.Kind.QUIZ, m.group(1), OptionalInt.of(score));
        }
        throw new IllegalArgumentException("prerequisite \"" + text + "\" is not understood; write it as " + FORMS);
    }
}
