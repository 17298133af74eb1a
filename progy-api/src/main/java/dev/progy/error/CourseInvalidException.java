package dev.progy.error;

import dev.progy.model.CourseProblem;

import java.util.List;

/**
 * A course that cannot be loaded, with every problem found in it, not just the first: at least one error
 * ({@link CourseProblem#isError()}), and the warnings found beside it.
 */
public class CourseInvalidException extends ProgyException {

    private final List<CourseProblem> problems;

    public CourseInvalidException(String courseLocation, List<CourseProblem> problems) {
        super(summary(courseLocation, problems), "fix the problems listed, then run `progy validate` again");
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<CourseProblem> problems() {
        return problems;
    }

    /** Only the problems that stop the course; its warnings are in {@link #problems()} too. */
    public List<CourseProblem> errors() {
        return problems.stream().filter(CourseProblem::isError).toList();
    }

    private static String summary(String where, List<CourseProblem> problems) {
        List<CourseProblem> errors = problems.stream().filter(CourseProblem::isError).toList();
        List<CourseProblem> shown = errors.isEmpty() ? problems : errors;
        StringBuilder sb = new StringBuilder("course at ").append(where).append(" is invalid (")
                .append(shown.size()).append(shown.size() == 1 ? " error)" : " errors)");
        for (CourseProblem p : shown) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        int warnings = problems.size() - errors.size();
        if (warnings > 0 && !errors.isEmpty()) {
            sb.append(System.lineSeparator()).append("  (and ").append(warnings)
                    .append(warnings == 1 ? " warning" : " warnings").append(": `progy validate` shows every problem)");
        }
        return sb.toString();
    }
}
