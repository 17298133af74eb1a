package dev.progy;

import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.support.IoFailures;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * New courses, modules and exercises from a template, for course authors. What it makes validates and passes Course
 * Guard as it is, including its solution runs: every starter fails its tests and every solution passes them. The
 * author then replaces the sample task (a function that adds two numbers) with theirs.
 *
 * <pre>{@code
 * Path course = CourseScaffold.course(Path.of("intro-to-java"), CourseScaffold.Template.JAVA);
 * CourseScaffold.module(course, "loops");                  // content/02_loops/ with its first exercise
 * CourseScaffold.exercise(course, "loops", "while loops"); // content/02_loops/02_while_loops/
 * }</pre>
 *
 * <p>A module or exercise added later follows the course's template, told by its first runner (a container runner:
 * {@link Template#DOCKER}; a {@code java} command: {@link Template#JAVA}; {@code python}: {@link Template#PYTHON}).
 */
public final class CourseScaffold {

    /** The kinds of course {@code progy new course} makes. */
    public enum Template {
        /** Java exercises checked by a process runner on the host's JDK. */
        JAVA("java", List.of("course.json", "README.md", "runner/Check.java", "runner/Expect.java"),
                List.of("README.md", "Main.java", "tests/MainTest.java", "solution/Main.java")),
        /** Python exercises checked by a process runner on the host's Python 3. */
        PYTHON("python", List.of("course.json", "README.md", "runner/run.py"),
                List.of("README.md", "exercise.py", "test_exercise.py", "solution.py")),
        /** Python exercises checked in a container image built from the course's Dockerfile. */
        DOCKER("docker", List.of("course.json", "README.md", "Dockerfile", "python:runner/run.py"),
                List.of("python:README.md", "python:exercise.py", "python:test_exercise.py", "python:solution.py"));

        private final String id;
        private final List<String> courseFiles;
        private final List<String> exerciseFiles;

        Template(String id, List<String> courseFiles, List<String> exerciseFiles) {
            this.id = id;
            this.courseFiles = courseFiles;
            this.exerciseFiles = exerciseFiles;
        }

        /** The name the CLI takes: {@code java}, {@code python}, {@code docker}. */
        public String id() {
            return id;
        }

        /** The template named {@code id}. */
        public static Optional<Template> byId(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
        }
    }

    private static final String FIRST_MODULE = "basics";
    private static final String FIRST_EXERCISE = "add";
    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,3})_.+");
    private static final String RESOURCES = "scaffold/";

    private CourseScaffold() { }

    /**
     * Makes a new course in {@code dir} (which must not exist, or be empty) with one module and one exercise. Its id
     * is the folder's name as a slug, its name the same words capitalised.
     *
     * @return the course folder
     * @throws ProgyException when {@code dir} holds files, or cannot be written
     */
    public static Path course(Path dir, Template template) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(root) && (!Files.isDirectory(root) || !isEmpty(root))) {
                throw new ProgyException(root + " already exists and is not an empty folder",
                        "give a new folder's name, e.g. progy new course my-course");
            }
            String folder = root.getFileName() == null ? "course" : root.getFileName().toString();
            String id = slug(folder, "-");
            if (id.isEmpty()) {
                throw new ProgyException("'" + folder + "' has no letters or digits to make a course id from",
                        "name the folder with letters, digits and dashes, e.g. intro-to-java");
            }
            Map<String, String> values = Map.of("@@ID@@", id, "@@NAME@@", json(title(folder)));
            for (String file : template.courseFiles) {
                write(resource(template, file, ""), root.resolve(file.substring(file.indexOf(':') + 1)), values);
            }
            Files.createDirectories(root.resolve("content"));
        } catch (IOException e) {
            throw new ProgyException("could not make the course in " + root + ": " + IoFailures.describe(e),
                    "check that the folder is writable", e);
        }
        module(root, FIRST_MODULE, template, FIRST_EXERCISE);
        return root;
    }

    /**
     * Adds a module to the course at {@code course}, numbered after the last one ({@code loops} →
     * {@code content/02_loops}, or the number given: {@code 05_loops}), with a first exercise of the same name.
     *
     * @return the module's folder
     */
    public static Path module(Path course, String name) {
        Template template = templateOf(course);
        return module(course, name, template, name.replaceFirst("^\\d+_", ""));
    }

    private static Path module(Path course, String name, Template template, String firstExercise) {
        Path content = exercisesDir(course);
        String folder = numbered(content, name, "module");
        Path dir = content.resolve(folder);
        String title = title(folder.substring(folder.indexOf('_') + 1));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("info.toml"), "[module]\ntitle = \"" + title + "\"\n\n[exercises]\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProgyException("could not make the module " + dir + ": " + IoFailures.describe(e),
                    "check that the course folder is writable", e);
        }
        exercise(course, folder, firstExercise, template);
        return dir;
    }

    /**
     * Adds an exercise to a module of the course at {@code course} ({@code module} is its folder, {@code 02_loops},
     * or the name after the number, {@code loops}), numbered after the module's last one, and lists it in the
     * module's {@code info.toml} with a title, XP and two hints.
     *
     * @return the exercise's folder
     * @throws NotFoundException when the module does not exist
     */
    public static Path exercise(Path course, String module, String name) {
        return exercise(course, module, name, templateOf(course));
    }

    private static Path exercise(Path course, String module, String name, Template template) {
        Path moduleDir = findModule(course, module);
        String folder = numbered(moduleDir, name, "exercise");
        Path dir = moduleDir.resolve(folder);
        String title = title(folder.substring(folder.indexOf('_') + 1));
        String id = moduleDir.getFileName() + "/" + folder;
        Map<String, String> values = Map.of("@@TITLE@@", title, "@@EXERCISE_ID@@", id);
        try {
            for (String file : template.exerciseFiles) {
                write(resource(template, file, "exercise/"), dir.resolve(file.substring(file.indexOf(':') + 1)), values);
            }
            listInModule(moduleDir.resolve("info.toml"), folder, title);
        } catch (IOException e) {
            throw new ProgyException("could not make the exercise " + dir + ": " + IoFailures.describe(e),
                    "check that the course folder is writable", e);
        }
        return dir;
    }

    /** The template a course follows, told by its first runner (or its exercises' files when that says nothing). */
    static Template templateOf(Path course) {
        Path json = course.resolve("course.json");
        if (!Files.isRegularFile(json)) {
            throw new NotFoundException(course + " is not a course folder (it has no course.json)",
                    "run this in a course folder or give it with -C <course>; progy new course <dir> makes one");
        }
        JsonNode runner;
        try {
            runner = JsonTrees.parse(Files.readString(json, StandardCharsets.UTF_8)).path("runners").path(0);
        } catch (IOException e) {
            throw new ProgyException("could not read " + json + ": " + IoFailures.describe(e), "check the file", e);
        }
        String type = runner.path("type").asText("process");
        String command = runner.path("command").asText("") + " " + runner.path("args").toString();
        if (type.equals("docker-file") || type.equals("docker-local")) {
            return Template.DOCKER;
        }
        if (command.contains("python")) {
            return Template.PYTHON;
        }
        if (command.contains("java")) {
            return Template.JAVA;
        }
        throw new ProgyException("cannot tell which kind of exercise this course has: its first runner runs '"
                + command.strip() + "'", "progy new makes exercises for courses of the java, python and docker "
                + "templates; copy an exercise folder of your course by hand instead");
    }

    private static Path exercisesDir(Path course) {
        templateOf(course); // a course folder, with a runner this knows
        try {
            JsonNode content = JsonTrees.parse(Files.readString(course.resolve("course.json"), StandardCharsets.UTF_8))
                    .path("content");
            return course.resolve(content.path("root").asText(".")).resolve(content.path("exercises").asText("content"))
                    .normalize();
        } catch (IOException e) {
            throw new ProgyException("could not read " + course.resolve("course.json") + ": " + IoFailures.describe(e),
                    "check the file", e);
        }
    }

    private static Path findModule(Path course, String module) {
        Path content = exercisesDir(course);
        List<String> modules = numberedFolders(content);
        String wanted = slug(module, "_");
        return modules.stream().filter(m -> m.equals(module) || m.equals(wanted)
                        || m.substring(m.indexOf('_') + 1).equals(wanted)).findFirst().map(content::resolve)
                .orElseThrow(() -> new NotFoundException("the course has no module '" + module + "'",
                        modules.isEmpty() ? "make one first: progy new module <name>"
                                : "give one of " + String.join(", ", modules) + ", or make it: progy new module " + module));
    }

    /** {@code name} as a numbered folder in {@code parent}: its own number when it has one, else the next free one. */
    private static String numbered(Path parent, String name, String what) {
        Matcher given = NUMBERED.matcher(name);
        String folder;
        if (given.matches()) {
            String rest = slug(name.substring(name.indexOf('_') + 1), "_");
            folder = String.format(Locale.ROOT, "%02d", Integer.parseInt(given.group(1))) + "_" + rest;
            if (rest.isEmpty()) {
                folder = "";
            }
        } else {
            String rest = slug(name, "_");
            int next = numberedFolders(parent).stream().mapToInt(f -> Integer.parseInt(f.substring(0, f.indexOf('_'))))
                    .max().orElse(0) + 1;
            folder = rest.isEmpty() ? "" : String.format(Locale.ROOT, "%02d", next) + "_" + rest;
        }
        if (folder.isEmpty()) {
            throw new ProgyException("'" + name + "' is not a name for " + (what.equals("module") ? "a " : "an ")
                    + what, "use letters, digits, spaces, - and _, e.g. first steps");
        }
        if (Files.exists(parent.resolve(folder))) {
            throw new ProgyException("the " + what + " " + parent.resolve(folder) + " already exists",
                    "give another name, or edit that " + what);
        }
        return folder;
    }

    private static List<String> numberedFolders(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> NUMBERED.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new ProgyException("could not list " + parent + ": " + IoFailures.describe(e), "check the folder", e);
        }
    }

    /**
     * Lists the exercise in the module's info.toml: a line under {@code [exercises]} when that table is the file's
     * last, else a table of its own at the end (the author's formatting above it is left as it is).
     */
    private static void listInModule(Path infoToml, String folder, String title) throws IOException {
        String hints = "hints = [\"Use the + operator.\", \"Return the value; printing it is not enough: the tests "
                + "check what add returns.\"]";
        String text = Files.isRegularFile(infoToml) ? Files.readString(infoToml, StandardCharsets.UTF_8) : "";
        List<String> headers = text.lines().map(String::strip).filter(l -> l.startsWith("[")).toList();
        boolean exercisesLast = !headers.isEmpty() && headers.get(headers.size() - 1).equals("[exercises]");
        StringBuilder sb = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            sb.append('\n');
        }
        if (exercisesLast) {
            sb.append('"').append(folder).append("\" = { title = \"").append(title).append("\", xp = 10, ")
                    .append(hints).append(" }\n");
        } else {
            sb.append("\n[exercises.\"").append(folder).append("\"]\ntitle = \"").append(title)
                    .append("\"\nxp = 10\n").append(hints).append('\n');
        }
        Files.writeString(infoToml, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The resource of a template's file: {@code python:x} names a file the template shares with the python one. */
    private static String resource(Template template, String file, String folder) {
        int colon = file.indexOf(':');
        String templateDir = colon > 0 ? file.substring(0, colon) : template.id;
        return RESOURCES + templateDir + "/" + folder + file.substring(colon + 1);
    }

    /** Writes a template's file to {@code target} with its placeholders filled. */
    private static void write(String resource, Path target, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = CourseScaffold.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the template file " + resource + " is missing from progy-api");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Lower-case letters and digits, words joined by {@code joiner}: "Intro to Java!" → intro-to-java. */
    static String slug(String name, String joiner) {
        List<String> words = new ArrayList<>();
        for (String w : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return String.join(joiner, words);
    }

    /** "first_steps" → "First steps". */
    static String title(String name) {
        String words = String.join(" ", slug(name, " "));
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
