package dev.progy.internal.course;

import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Prerequisite;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** Checks that every prerequisite points at a module, exercise or quiz the course has. */
final class PrerequisiteLinks {

    /**
     * A prerequisite as declared.
     *
     * @param owner the module folder or exercise id that declared it
     */
    record Declared(Prerequisite prerequisite, Path file, String location, String owner) { }

    private PrerequisiteLinks() {
    }

    /**
     * Warns of every prerequisite that can never be met (it names a module, exercise or quiz the course does not
     * have, or the exercise itself) and returns them: the original ignored them, and so does Progy, which drops them
     * from the model rather than lock an exercise forever.
     */
    static Set<Declared> check(List<Declared> declared, List<CourseModule> modules, Problems problems) {
        Set<Declared> dead = new HashSet<>();
        Map<String, Exercise> exercises = new HashMap<>();
        modules.forEach(m -> m.exercises().forEach(e -> exercises.put(e.id(), e)));
        List<String> moduleNames = modules.stream().map(CourseModule::dirName).toList();
        for (Declared d : declared) {
            Prerequisite p = d.prerequisite();
            String target = p.target();
            String problem = switch (p.kind()) {
                case MODULE -> moduleNames.contains(target) ? null
                        : "prerequisite \"" + p + "\" names a module that does not exist" + suggestion(target, moduleNames);
                case EXERCISE -> exercises.containsKey(target) ? null
                        : "prerequisite \"" + p + "\" names an exercise that does not exist"
                          + suggestion(target, exercises.keySet());
                case QUIZ -> !exercises.containsKey(target)
                        ? "prerequisite \"" + p + "\" names an exercise that does not exist"
                          + suggestion(target, exercises.keySet())
                        : exercises.get(target).quiz().isEmpty()
                        ? "prerequisite \"" + p + "\" needs the quiz of " + target + ", which has no quiz.json"
                        : null;
            };
            if (problem == null && p.kind() != Prerequisite.Kind.QUIZ && d.owner().equals(target)) {
                problem = "prerequisite \"" + p + "\" makes " + target + " wait for itself, so it could never unlock";
            }
            if (problem != null) {
                problems.warn(d.file(), d.location(), problem + "; it is ignored until fixed");
                dead.add(d);
            }
        }
        return dead;
    }

    private static String suggestion(String target, Collection<String> known) {
        String closest = Spelling.closest(target, known);
        return closest == null ? "" : " (did you mean \"" + closest + "\"?)";
    }
}
