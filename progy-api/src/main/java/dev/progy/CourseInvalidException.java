package dev.progy;

import dev.progy.model.CourseProblem;

import java.util.List;

/** A course that cannot be loaded, with every problem found in it, not just the first. */
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

    private static String summary(String where, List<CourseProblem> problems) {
        StringBuilder sb = new StringBuilder("course at ").append(where).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem)" : " problems)");
        for (CourseProblem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
