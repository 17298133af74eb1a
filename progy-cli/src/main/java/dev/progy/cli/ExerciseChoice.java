package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;

import java.util.Optional;

/** Which exercise a command acts on: the one named, else the next unfinished one. */
final class ExerciseChoice {
    private ExerciseChoice() { }

    /** The exercise, or null (after saying so) when the course is complete. */
    static Exercise pick(CliContext ctx, Workspace ws, String named) {
        if (named != null) {
            return ctx.progy().exercise(ws, named);
        }
        Optional<ExerciseState> next = ctx.progy().nextExercise(ws);
        if (next.isEmpty()) {
            ctx.out.println("Every exercise has passed. Well done!");
            return null;
        }
        return next.get().exercise();
    }
}
