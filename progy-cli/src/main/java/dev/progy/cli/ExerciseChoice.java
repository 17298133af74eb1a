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
        return pick(ctx, ws, named, false);
    }

    /** The same; with {@code json}, a complete course is reported as {@code {"complete": true}}. */
    static Exercise pick(CliContext ctx, Workspace ws, String named, boolean json) {
        if (named != null) {
            return ctx.progy().exercise(ws, named);
        }
        Optional<ExerciseState> next = ctx.progy().nextExercise(ws);
        if (next.isEmpty()) {
            if (json) {
                var n = dev.progy.ProgyJson.object();
                n.put("complete", true);
                ctx.out.println(dev.progy.ProgyJson.print(n));
            } else {
                ctx.out.println("Every exercise has passed. Well done!");
            }
            return null;
        }
        return next.get().exercise();
    }
}
