package dev.progy.internal.progression;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.Prerequisite;
import dev.progy.model.Progression;
import dev.progy.model.QuizProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which exercises are locked, as the course says: sequential progression inside a module, strict
 * module order, and module or exercise prerequisites. The first reason found is the one reported.
 */
public final class LockRules {

    private LockRules() { }

    /** The state of every exercise of the course, in course order. */
    public static List<ExerciseState> states(Course course, CourseProgress progress) {
        List<ExerciseState> states = new ArrayList<>();
        CourseModule previousModule = null;
        for (CourseModule module : course.modules()) {
            Optional<String> moduleLock = moduleLock(course, module, previousModule, progress);
            Exercise previous = null;
            for (Exercise exercise : module.exercises()) {
                Optional<String> lock = moduleLock;
                if (lock.isEmpty() && previous != null && course.progression().mode() == Progression.Mode.SEQUENTIAL
                        && !progress.exercise(previous.id()).everPassed()) {
                    lock = Optional.of("pass " + previous.id() + " first");
                }
                if (lock.isEmpty()) {
                    lock = unmet(exercise.prerequisites(), course, progress);
                }
                states.add(new ExerciseState(exercise, progress.exercise(exercise.id()), lock));
                previous = exercise;
            }
            previousModule = module;
        }
        return states;
    }

    private static Optional<String> moduleLock(Course course, CourseModule module, CourseModule previousModule,
                                               CourseProgress progress) {
        if (previousModule != null && course.progression().strictModuleOrder() && !complete(previousModule, progress)) {
            return Optional.of("complete module " + previousModule.dirName() + " first");
        }
        return unmet(module.prerequisites(), course, progress);
    }

    private static Optional<String> unmet(List<Prerequisite> prerequisites, Course course, CourseProgress progress) {
        for (Prerequisite p : prerequisites) {
            switch (p.kind()) {
                case MODULE -> {
                    Optional<CourseModule> m = course.module(p.target());
                    if (m.isPresent() && !complete(m.get(), progress)) {
                        return Optional.of("complete module " + p.target() + " first");
                    }
                }
                case EXERCISE -> {
                    if (!progress.exercise(p.target()).everPassed()) {
                        return Optional.of("pass " + p.target() + " first");
                    }
                }
                case QUIZ -> {
                    QuizProgress q = progress.quizzes().get(p.target());
                    boolean met = q != null && (p.minScore().isPresent()
                            ? q.bestScore() >= p.minScore().getAsInt() : q.passed());
                    if (!met) {
                        return Optional.of(p.minScore().isPresent()
                                ? "score at least " + p.minScore().getAsInt() + " % in the quiz of " + p.target() + " first"
                                : "pass the quiz of " + p.target() + " first");
                    }
                }
                default -> throw new IllegalStateException(p.kind().name());
            }
        }
        return Optional.empty();
    }

    private static boolean complete(CourseModule module, CourseProgress progress) {
        return module.exercises().stream().allMatch(e -> progress.exercise(e.id()).everPassed());
    }
}
