package dev.progy.spi.support.protocol;

import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.Exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a course's runner command may refer to, and their substitution into a command line.
 *
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><th>placeholder</th><th>value</th><th>example</th></tr>
 *   <tr><td>{@code {{exercise}}}</td><td>entry file, relative to the exercises folder</td>
 *       <td>{@code 01_basics/01_hello/exercise.py}</td></tr>
 *   <tr><td>{@code {{id}}}</td><td>exercise id</td><td>{@code 01_basics/01_hello}</td></tr>
 *   <tr><td>{@code {{module}}}</td><td>module folder</td><td>{@code 01_basics}</td></tr>
 *   <tr><td>{@code {{dir}}}</td><td>absolute path of the exercise folder as the runner sees it</td>
 *       <td>{@code /workspace/content/01_basics/01_hello}</td></tr>
 *   <tr><td>{@code {{file}}}</td><td>absolute path of the entry file as the runner sees it</td>
 *       <td>{@code /workspace/content/01_basics/01_hello/exercise.py}</td></tr>
 * </table>
 *
 * <p>Values go into argv <em>elements</em> only, every occurrence of each, in one pass (a value is never
 * scanned again for placeholders); no shell string is ever built, so a value cannot inject a command. Values
 * are checked when made: relative values must be {@code /}-separated segments of {@code [A-Za-z0-9_.-]}, no
 * segment may be {@code .} or {@code ..}, and no value may hold NUL or a line break; otherwise
 * {@link UnsafePathException}. A placeholder other than these five is a {@link ProgyException} naming it.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final List<String> NAMES = List.of("exercise", "id", "module", "dir", "file");

    private final Map<String, String> values;

    private Placeholders(String exercise, String id, String module, String dir, String file) {
        checkRelative("exercise", exercise);
        checkRelative("id", id);
        checkRelative("module", module);
        checkAbsolute("dir", dir);
        checkAbsolute("file", file);
        this.values = Map.of("exercise", exercise, "id", id, "module", module, "dir", dir, "file", file);
    }

    /**
     * The values for {@code exercise}, with its folder at {@code exerciseDir} as the runner sees it (a host path,
     * or a path inside a container) and {@code separator} between path segments there.
     *
     * @throws UnsafePathException when a value could reach outside where it belongs
     */
    public static Placeholders forExercise(Exercise exercise, String exerciseDir, char separator) {
        String dir = exerciseDir.endsWith(String.valueOf(separator)) && exerciseDir.length() > 1
                ? exerciseDir.substring(0, exerciseDir.length() - 1) : exerciseDir;
        return new Placeholders(exercise.relativeEntryFile(), exercise.id(), exercise.moduleDir(), dir,
                dir + separator + exercise.entryFile());
    }

    /** The values for {@code exercise}, with its folder at {@code exerciseDir} (a {@code /}-separated path). */
    public static Placeholders forExercise(Exercise exercise, String exerciseDir) {
        return forExercise(exercise, exerciseDir, '/');
    }

    /** The value of a placeholder by name ({@code exercise}, {@code id}, {@code module}, {@code dir}, {@code file}). */
    public String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no placeholder named '" + name + "'; known: " + NAMES);
        }
        return v;
    }

    /** The argv of a runner: its command then its arguments, each with the placeholders filled. */
    public List<String> fill(String command, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(fill(command, "command"));
        for (String arg : args) {
            argv.add(fill(arg, "args"));
        }
        return argv;
    }

    /** One argv element (or a working folder) with the placeholders filled; {@code where} names it in errors. */
    public String fill(String element, String where) {
        if (!element.contains("{{")) {
            return element; // the common case costs no regex
        }
        Matcher m = PLACEHOLDER.matcher(element);
        StringBuilder out = new StringBuilder(element.length() + 64);
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw unknown(m.group(), where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ProgyException unknown(String placeholder, String where) {
        return new ProgyException("unknown placeholder " + placeholder + " in the runner's " + where,
                "use one of " + NAMES.stream().map(n -> "{{" + n + "}}").toList() + " in course.json");
    }

    /**
     * Whether {@code name} may be one part of the relative values ({@code {{exercise}}}, {@code {{id}}},
     * {@code {{module}}}): letters, digits, {@code _}, {@code .} and {@code -}, and not {@code .} or {@code ..}. Course
     * validation holds module folders, exercise folders and entry files to this same rule, so a course that validates
     * is never refused at run time for its names.
     */
    public static boolean isSafeName(String name) {
        return SEGMENT.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** How {@link #isSafeName} is explained to a course author. */
    public static final String SAFE_NAME = "letters, digits, '_', '.' or '-'";

    private static void checkRelative(String name, String value) {
        checkCharacters(name, value);
        if (value.isEmpty() || value.startsWith("/")) {
            throw unsafe(name, value, "it must be a relative path");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw unsafe(name, value, "it must not contain '" + segment + "' segments");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw unsafe(name, value, "each part must be letters, digits, '_', '.' or '-'");
            }
        }
    }

    private static void checkAbsolute(String name, String value) {
        checkCharacters(name, value);
        boolean absolute = value.startsWith("/") || value.startsWith("\\")
                || value.length() > 2 && value.charAt(1) == ':' && (value.charAt(2) == '\\' || value.charAt(2) == '/');
        if (!absolute) {
            throw unsafe(name, value, "it must be an absolute path");
        }
        for (String segment : value.split("[/\\\\]", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw unsafe(name, value, "it must not contain '" + segment + "' segments");
            }
        }
    }

    private static void checkCharacters(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || c == '\n' || c == '\r') {
                throw unsafe(name, value.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r"),
                        "it must not contain NUL or line breaks");
            }
        }
    }

    private static UnsafePathException unsafe(String name, String value, String why) {
        return new UnsafePathException("refused to run: the value of {{" + name + "}} ('" + value + "') is unsafe; " + why);
    }
}
