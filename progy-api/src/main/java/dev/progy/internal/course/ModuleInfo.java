package dev.progy.internal.course;

import dev.progy.model.LimitOverrides;
import dev.progy.model.Prerequisite;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a module's info.toml says, before it is matched with the folders on disk.
 *
 * @param title             {@code [module] title}, else {@code message}; empty when neither is set
 * @param icon              may be empty
 * @param completionMessage may be empty
 * @param prerequisites     the module's prerequisites, each with the line it was written on
 * @param exercises         {@code [exercises]} in the order written, by folder name
 */
record ModuleInfo(Optional<String> title, String icon, String completionMessage,
                  List<Written> prerequisites, Map<String, ExerciseEntry> exercises) {

    /** No info.toml, or one that could not be read. */
    static final ModuleInfo NONE = new ModuleInfo(Optional.empty(), "", "", List.of(), Map.of());

    /** A prerequisite and where it was written, so a dangling one can be reported in place. */
    record Written(Prerequisite prerequisite, String location) { }

    /**
     * One entry of {@code [exercises]}.
     *
     * @param folder   the exercise folder it names
     * @param location where the entry was written ({@code line 7})
     */
    record ExerciseEntry(String folder, String location, Optional<String> title, Optional<Integer> xp,
                         String difficulty, List<String> tags, List<Written> prerequisites, List<String> hints,
                         LimitOverrides limits) { }
}
