package dev.progy.cli;

import dev.progy.CourseScaffold;
import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code progy new course|module|exercise}: a new course, module or exercise from a template, made to validate and
 * pass {@code progy guard --run} as it is, for the author to fill in.
 */
@Command(name = "new", description = {"Start a course, a module or an exercise from a template (for course authors).",
        "What it makes validates and passes progy guard --run as it is: the starter fails its tests, the solution "
                + "passes them. Then replace the sample task with yours."},
        subcommands = {NewCommand.Course.class, NewCommand.Module.class, NewCommand.Exercise.class},
        synopsisSubcommandLabel = "(course | module | exercise)")
final class NewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to make: course, module or exercise");
    }

    @Command(name = "course", description = {"Make a new course in <dir> with one module and one exercise.",
            "Its id is the folder's name; set the name, description and version in course.json."})
    static final class Course implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "<dir>", description = "The new course's folder (must not exist, or be empty).")
        String dir;

        @Option(names = "--template", paramLabel = "<template>", defaultValue = "java",
                description = "java (a JDK on the host), python (Python 3 on the host) or docker (Python in a "
                        + "container built from the course's Dockerfile); default: ${DEFAULT-VALUE}.")
        String template;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Course(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CourseScaffold.Template t = CourseScaffold.Template.byId(template).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "no template '" + template + "': use one of "
                            + Arrays.stream(CourseScaffold.Template.values()).map(CourseScaffold.Template::id)
                            .collect(Collectors.joining(", "))));
            Path course = CourseScaffold.course(ctx.path(dir), t);
            String shown = shown(ctx, course);
            Path first = firstExercise(course);
            ctx.out.println("✓ made the course " + course.getFileName() + " in " + shown + " (template " + t.id() + "):");
            list(ctx, course, course);
            ctx.out.println();
            ctx.out.println("Next: put your task in " + course.relativize(first) + "/ (README.md, the starter, the tests, "
                    + "the solution), then check the course:");
            ctx.out.println("  progy validate " + shown + " && progy guard " + shown + " --run");
            ctx.out.println("More: progy new module <name> -C " + shown + ", progy new exercise <module> <name> -C " + shown);
            return ExitCode.OK;
        }
    }

    @Command(name = "module", description = {"Add a module to a course, numbered after the last one, with a first "
            + "exercise.", "Run it in the course folder, or give the folder with -C."})
    static final class Module implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "<name>", description = "The module's name, e.g. loops (becomes "
                + "content/02_loops), or with its number: 05_loops.")
        String name;

        @Option(names = {"-C", "--dir"}, paramLabel = "<course>", description = "The course folder (default: the "
                + "current folder or the nearest course above it).")
        Path dir;

        Module(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Path course = courseFolder(ctx, dir);
            Path module = CourseScaffold.module(course, name);
            ctx.out.println("✓ added the module " + module.getFileName() + " to " + shown(ctx, course) + ":");
            list(ctx, course, module);
            ctx.out.println();
            ctx.out.println("Next: set its title in " + course.relativize(module) + "/info.toml, put your task in its "
                    + "first exercise, and add more with progy new exercise " + module.getFileName() + " <name>");
            return ExitCode.OK;
        }
    }

    @Command(name = "exercise", description = {"Add an exercise to a module of a course, numbered after the "
            + "module's last one, and list it in the module's info.toml.",
            "Run it in the course folder, or give the folder with -C."})
    static final class Exercise implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "<module>", description = "The module: its folder (02_loops) or its "
                + "name (loops).")
        String module;

        @Parameters(index = "1", paramLabel = "<name>", description = "The exercise's name, e.g. while loops (becomes "
                + "03_while_loops), or with its number.")
        String name;

        @Option(names = {"-C", "--dir"}, paramLabel = "<course>", description = "The course folder (default: the "
                + "current folder or the nearest course above it).")
        Path dir;

        Exercise(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Path course = courseFolder(ctx, dir);
            Path exercise = CourseScaffold.exercise(course, module, name);
            ctx.out.println("✓ added the exercise " + exercise.getParent().getFileName() + "/" + exercise.getFileName()
                    + " to " + shown(ctx, course) + ", listed in its module's info.toml:");
            list(ctx, course, exercise);
            ctx.out.println();
            ctx.out.println("Next: put your task in its README.md, the starter, the tests and the solution, then "
                    + "progy guard " + shown(ctx, course) + " --run");
            return ExitCode.OK;
        }
    }

    /** The course folder: the one given, else the nearest folder with a course.json from the working folder up. */
    static Path courseFolder(CliContext ctx, Path given) {
        Path start = given != null ? ctx.cwd.resolve(given).normalize() : ctx.cwd;
        for (Path p = start; p != null; p = given != null ? null : p.getParent()) {
            if (Files.isRegularFile(p.resolve("course.json"))) {
                if (Files.isDirectory(p.resolve(Workspace.STATE_DIR).resolve("course"))) {
                    throw new ProgyException(p + " is a student workspace, not a course's source",
                            "run progy new in the course folder you publish from");
                }
                return p;
            }
        }
        throw new NotFoundException((given != null ? start + " is not a course folder" : "no course folder here or "
                + "above " + start) + " (no course.json)", "run this in a course folder or give it with -C <course>; "
                + "progy new course <dir> makes one");
    }

    private static String shown(CliContext ctx, Path p) {
        Path rel = ctx.cwd.relativize(p);
        return rel.toString().isEmpty() ? "." : rel.toString().startsWith("..") ? p.toString() : rel.toString();
    }

    /** The files under {@code dir}, relative to the course, one a line. */
    private static void list(CliContext ctx, Path course, Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(f -> course.relativize(f).toString()).sorted().toList();
            names.forEach(n -> ctx.out.println("  " + n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstExercise(Path course) {
        try (Stream<Path> files = Files.walk(course.resolve("content"), 2)) {
            return files.filter(p -> course.resolve("content").relativize(p).getNameCount() == 2)
                    .filter(Files::isDirectory).sorted().findFirst().orElse(course.resolve("content"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
