package dev.progy.spi.support.compose;

import dev.progy.model.CourseProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reading a compose file found: problems (the file is refused, every one listed at once) and notes (what
 * Progy leaves out or changes, for the student's and the author's eyes; the run goes on).
 */
final class ComposeFindings {

    private final List<CourseProblem> problems = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();

    /** A problem in {@code file} (course-relative) at {@code location} (a key path such as {@code services.db.privileged}). */
    void problem(String file, String location, String message) {
        problems.add(new CourseProblem(file, location, message));
    }

    /** A note, shown like a problem: {@code file (location): message}. */
    void note(String file, String location, String message) {
        notes.add(new CourseProblem(file, location, message).toString());
    }

    List<CourseProblem> problems() {
        return List.copyOf(problems);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    int problemCount() {
        return problems.size();
    }
}
