package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which exercise a command acts on: the one named, else the next unfinished one. A name may be an exercise id, a
 * folder name, a title, or a path to the exercise's folder or one of its files (what a shell's tab completion
 * gives: {@code content/01_basics/01_hello/Main.java}, {@code 01_basics/01_hello/}), relative to the working folder,
 * the workspace or its exercises folder. A near miss is answered with "did you mean".
 */
final class ExerciseChoice {
    /** The help of a command's {@code <exercise>} parameter. */
    static final String HELP = "Exercise id (01_basics/01_hello), folder name, title, or a path to its folder or a file in it.";

    private ExerciseChoice() { }

    /** The exercise, or null (after saying so) when the course is complete. */
    static Exercise pick(CliContext ctx, Workspace ws, String named) {
        return pick(ctx, ws, named, false);
    }

    /** The same; with {@code json}, a complete course is reported as {@code {"complete": true}}. */
    static Exercise pick(CliContext ctx, Workspace ws, String named, boolean json) {
        if (named != null) {
            return named(ctx, ws, named);
        }
        Optional<ExerciseState> next = ctx.progy().nextExercise(ws);
        if (next.isEmpty()) {
            if (json) {
                var n = CliJson.object();
                n.put("complete", true);
                ctx.out.println(CliJson.print(n));
            } else {
                ctx.out.println("Every exercise has passed. Well done!");
            }
            return null;
        }
        return next.get().exercise();
    }

    /**
     * The exercise a student named, by path first, then by id, folder name or title.
     *
     * @throws dev.progy.error.NotFoundException naming the closest exercise when there is one
     */
    static Exercise named(CliContext ctx, Workspace ws, String named) {
        return byPath(ctx, ws, named).orElseGet(() -> ctx.progy().exercise(ws, stripSlashes(named)));
    }

    private static Optional<Exercise> byPath(CliContext ctx, Workspace ws, String typed) {
        if (typed.isBlank()) {
            return Optional.empty();
        }
        Path exercises = ws.root().resolve(ws.course().root().relativize(ws.course().exercisesDir()));
        List<Path> candidates = new ArrayList<>();
        try {
            Path p = Path.of(typed);
            candidates.add(ctx.cwd.resolve(p).normalize());
            candidates.add(ws.root().resolve(p).normalize());
            candidates.add(exercises.resolve(p).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        List<Exercise> all = ws.course().exercises();
        for (Path c : candidates) {
            if (!c.startsWith(exercises) || c.equals(exercises)) {
                continue;
            }
            String rel = exercises.relativize(c).toString().replace('\\', '/');
            // the entry file itself first: single-file exercises (content/02_hello/exercise.py) share their folder
            Optional<Exercise> entry = all.stream().filter(e -> e.relativeEntryFile().equals(rel)).findFirst();
            if (entry.isPresent()) {
                return entry;
            }
            // then the nearest folder above it that is one exercise's folder (a module's, for a single-file one)
            for (String dir = rel; !dir.isEmpty(); dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "") {
                String folder = dir;
                List<Exercise> in = all.stream().filter(e -> e.relativeDir().equals(folder)).toList();
                if (in.size() == 1) {
                    return Optional.of(in.get(0));
                }
                if (in.size() > 1) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static String stripSlashes(String s) {
        String t = s.strip();
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
