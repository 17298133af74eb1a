package dev.progy.model;

import java.util.List;

/**
 * A module of a course: a folder {@code NN_name} under the exercises folder, described by its {@code info.toml}.
 *
 * @param dirName           folder name, e.g. {@code 01_basics}
 * @param title             from {@code [module] title} (or {@code message}), else derived from the folder name
 * @param icon              may be empty
 * @param completionMessage may be empty
 * @param prerequisites     what must be done before this module unlocks
 * @param exercises         in the order {@code [exercises]} gives, unlisted ones after by number
 */
public record CourseModule(
        String dirName,
        String title,
        String icon,
        String completionMessage,
        List<Prerequisite> prerequisites,
        List<Exercise> exercises) {

    public CourseModule {
        prerequisites = List.copyOf(prerequisites);
        exercises = List.copyOf(exercises);
    }
}
