package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a student is told to do next: which files to edit, which README to read, what a pass earned and which
 * exercise follows. Paths are shown as the student can open them from where they typed the command.
 */
final class Guidance {
    private Guidance() { }

    /**
     * The files of an exercise a student writes in: its entry file, and the other files beside it in the same
     * language that are not tests (a test file's name starts with {@code test} or ends in {@code Test}/{@code _test}).
     */
    static List<String> filesToEdit(CliContext ctx, Workspace ws, Exercise ex) {
        Path dir = ws.exerciseDir(ex);
        List<String> files = new ArrayList<>();
        files.add(shown(ctx, dir.resolve(ex.entryFile())));
        String ext = extension(ex.entryFile());
        if (ext.isEmpty() || !Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(ex.entryFile()) && extension(n).equals(ext) && !looksLikeATest(n))
                    .sorted()
                    .forEach(n -> files.add(shown(ctx, dir.resolve(n))));
        } catch (IOException e) {
            // the entry file alone is still the right advice
        }
        return files;
    }

    private static boolean looksLikeATest(String fileName) {
        String base = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        String lower = base.toLowerCase(Locale.ROOT);
        return lower.startsWith("test") || lower.endsWith("test") || lower.endsWith("tests") || lower.endsWith(".spec")
                || lower.endsWith("_spec") || lower.equals("conftest");
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot);
    }

    /** A path as the student can open it from the folder they typed the command in. */
    static String shown(CliContext ctx, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path rel = ctx.cwd.toAbsolutePath().normalize().relativize(abs);
        return rel.toString().isEmpty() ? "." : rel.toString();
    }

    /** The line naming what to edit and what to read, for an exercise not passed yet. */
    static String editAndRead(CliContext ctx, Workspace ws, Exercise ex, Style s) {
        Path readme = ws.exerciseDir(ex).resolve("README.md");
        String read = Files.isRegularFile(readme) ? s.dim(" · ") + "Read: " + shown(ctx, readme)
                + s.dim(" (" + command(ctx, ws, "show " + ex.id()) + ")") : "";
        return "Edit: " + s.bold(String.join(", ", filesToEdit(ctx, ws, ex))) + read;
    }

    /** A progy command line that works from where the student is: {@code -C <workspace>} when outside it. */
    static String command(CliContext ctx, Workspace ws, String args) {
        Path cwd = ctx.cwd.toAbsolutePath().normalize();
        return cwd.startsWith(ws.root()) ? "progy " + args : "progy " + args + " -C " + shown(ctx, ws.root());
    }

    /**
     * What follows a pass: the XP it earned, the module's completion message when this pass completed the module,
     * and the next exercise with the command that runs it.
     *
     * @param before the states before the run
     * @param after  the states after the run
     */
    static List<String> afterPass(CliContext ctx, Workspace ws, Exercise ex, List<ExerciseState> before,
                                  List<ExerciseState> after, int xpBefore, int xpAfter, Style s) {
        List<String> lines = new ArrayList<>();
        int gained = xpAfter - xpBefore;
        if (gained > 0) {
            lines.add(s.green("+" + gained + " XP") + s.dim("  (" + xpAfter + " XP in all)"));
        }
        Optional<CourseModule> module = ws.course().module(ex.moduleDir());
        if (module.isPresent() && !moduleDone(before, ex.moduleDir()) && moduleDone(after, ex.moduleDir())) {
            CourseModule m = module.get();
            String done = (m.icon().isBlank() ? "" : m.icon() + " ") + "Module complete: " + m.title();
            lines.add(s.bold(done));
            if (!m.completionMessage().isBlank()) {
                lines.add(m.completionMessage().strip());
            }
        }
        if (ex.quiz().isPresent()) {
            lines.add("Quiz: " + command(ctx, ws, "quiz " + ex.id()) + s.dim("  (this exercise has one)"));
        }
        Optional<ExerciseState> next = after.stream().filter(x -> !x.passed() && !x.locked()).findFirst();
        if (next.isPresent()) {
            Exercise n = next.get().exercise();
            lines.add("Next: " + s.bold(n.id()) + "  " + n.title() + s.dim("  → " + command(ctx, ws, "show " + n.id())
                    + ", then " + command(ctx, ws, "run " + n.id())));
        } else if (after.stream().allMatch(ExerciseState::passed)) {
            lines.add(s.green("Every exercise of the course has passed. Well done!"));
        }
        return lines;
    }

    private static boolean moduleDone(List<ExerciseState> states, String moduleDir) {
        List<ExerciseState> of = states.stream().filter(x -> x.exercise().moduleDir().equals(moduleDir)).toList();
        return !of.isEmpty() && of.stream().allMatch(ExerciseState::passed);
    }
}
