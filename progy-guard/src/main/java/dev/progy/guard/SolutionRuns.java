package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import dev.progy.Progy;
import dev.progy.spi.support.IoFailures;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.TestOutcome;
import dev.progy.spi.RunListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The solution rules (PG-V…): every exercise ships a solution, and, when asked, each exercise's starter is run
 * and must fail, then its solution is put in the starter's place and must pass, as {@code rustlings dev check}
 * does. Runs happen in a throw-away workspace made from the course exactly as a student's is, through the SDK's
 * runners (the container runners where the CLI found an engine), and record no progress.
 */
final class SolutionRuns {

    private SolutionRuns() { }

    /** PG-V003 for every exercise without a solution (nothing runs). */
    static List<Finding> missing(Course course) {
        List<Finding> out = new ArrayList<>();
        for (Exercise e : course.exercises()) {
            if (e.solution().isEmpty()) {
                out.add(new Finding(GuardRules.NO_SOLUTION, entryFile(course, e), 0, e.id() + " has no solution",
                        "add the solution beside the starter, as solution/ (a folder of the files that replace the "
                                + "starter's) or solution.<ext> (replaces the entry file); students never receive it"));
            }
        }
        return out;
    }

    /**
     * Runs every starter and solution of {@code course}, installed from {@code source} (its folder or archive)
     * into a temporary workspace; each exercise's verdicts are added to {@code checks}.
     */
    static List<Finding> run(String source, Course course, Progy progy, Optional<String> runnerId, Path scratch,
                             List<SolutionCheck> checks) {
        List<Finding> out = new ArrayList<>();
        Workspace ws;
        RunnerSpec spec;
        try {
            ws = progy.init(source, scratch.resolve("workspace"));
            spec = runnerId.map(id -> ws.course().runner(id).orElseThrow(() -> new ProgyException(
                    "the course has no runner '" + id + "'",
                    "use one of " + ws.course().runners().stream().map(RunnerSpec::id).toList())))
                    .orElse(ws.course().defaultRunner());
        } catch (ProgyException e) {
            out.add(notRun(e));
            return out;
        }
        for (Exercise e : ws.course().exercises()) {
            Optional<Exercise> authored = course.exercises().stream().filter(x -> x.id().equals(e.id())).findFirst();
            if (authored.isEmpty() || authored.get().solution().isEmpty()) {
                continue;
            }
            try {
                RunResult starter = progy.runUnrecorded(ws, e, spec, RunListener.NONE);
                if (starter.passed()) {
                    out.add(new Finding(GuardRules.STARTER_PASSES, entryFile(course, e), 0, e.id()
                            + "'s starter passes as shipped (runner '" + spec.id() + "')",
                            "leave the part the student writes out of the starter, or make the tests check it"));
                }
                String solution = authored.get().solution().get();
                putInPlace(course.exercisesDir().resolve(e.relativeDir()).resolve(solution), ws, e);
                RunResult solved = progy.runUnrecorded(ws, e, spec, RunListener.NONE);
                checks.add(new SolutionCheck(e.id(), spec.id(), starter.passed(), verdict(starter), solved.passed(),
                        verdict(solved)));
                if (!solved.passed()) {
                    out.add(new Finding(GuardRules.SOLUTION_FAILS, prefix(course) + e.relativeDir() + "/"
                            + solution.replaceAll("/+$", ""), 0, e.id() + "'s solution " + verdict(solved)
                            + " (runner '" + spec.id() + "')", "run the exercise with the solution in place and fix "
                            + "the solution, the tests or the runner"));
                }
            } catch (ProgyException ex) {
                // the runner is missing here (no engine, say): no exercise of the course can be run
                out.add(notRun(ex));
                return out;
            }
        }
        return out;
    }

    /** Copies a solution file over the entry file, or a solution folder's files over the exercise's. */
    private static void putInPlace(Path solution, Workspace ws, Exercise e) {
        try {
            if (!Files.isDirectory(solution)) {
                Files.copy(solution, ws.entryFile(e), StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Path target = ws.exerciseDir(e);
            try (Stream<Path> files = Files.walk(solution)) {
                for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                    // relative names as strings: the solution may be inside an archive, another file system
                    Path to = target.resolve(solution.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException ex) {
            throw new ProgyException("could not put the solution of " + e.id() + " in the scratch workspace: "
                    + IoFailures.describe(ex), "check free space in the temporary folder", ex);
        }
    }

    private static String verdict(RunResult r) {
        if (r.passed()) {
            return "passes";
        }
        String how = switch (r.termination()) {
            case TIMEOUT -> "ran out of time";
            case OUT_OF_MEMORY -> "ran out of memory";
            case OUTPUT_LIMIT -> "printed past the output limit";
            case DISK_LIMIT -> "wrote past the disk limit";
            case NORMAL -> r.status() == RunResult.Status.ERROR ? "could not be run or checked" : "fails";
        };
        Optional<TestOutcome> failed = r.tests().stream().filter(t -> t.status() != RunResult.Status.PASS).findFirst();
        String detail = failed.map(t -> ": test '" + t.name() + "'" + (t.message().isBlank() ? "" : " — " + firstLine(t.message())))
                .orElse(r.summary().isBlank() ? "" : ": " + firstLine(r.summary()));
        return how + detail;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Finding notRun(ProgyException e) {
        return new Finding(GuardRules.NOT_RUN, ".", 0, "starters and solutions were not run: " + e.getMessage(),
                e.fixHint());
    }

    /** The exercises folder relative to the course root, with a trailing slash ("" when it is the root). */
    private static String prefix(Course course) {
        String p = course.root().relativize(course.exercisesDir()).toString().replace('\\', '/');
        return p.isEmpty() ? "" : p + "/";
    }

    private static String entryFile(Course course, Exercise e) {
        return prefix(course) + e.relativeEntryFile();
    }
}
