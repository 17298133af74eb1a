package dev.progy.internal.course;

import dev.progy.model.LimitOverrides;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a module's info.toml and checks what TOML itself cannot: the types of known keys and the syntax of
 * prerequisites. Bare numeric keys ({@code 01_hello = "Hello"}) are valid TOML and tomlj accepts them as they are.
 */
final class ModuleInfoReader {

    static final String FILE = "info.toml";
    private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");
    private static final List<String> TOP_KEYS = List.of("module", "exercises");
    private static final List<String> MODULE_KEYS = List.of("title", "message", "icon", "completion_message",
            "prerequisites");
    private static final List<String> ENTRY_KEYS = List.of("title", "xp", "difficulty", "tags", "prerequisites",
            "hints", "timeout_seconds", "memory_mb", "cpus", "pids");

    private final Path file;
    private final Problems problems;

    private ModuleInfoReader(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The module's info, {@link ModuleInfo#NONE} when it has no info.toml or it is not valid TOML. */
    static ModuleInfo read(Path moduleDir, Problems problems) {
        Path file = moduleDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return ModuleInfo.NONE;
        }
        return new ModuleInfoReader(file, problems).read();
    }

    private ModuleInfo read() {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            problems.add(file, "", "cannot be read: " + e.getMessage());
            return ModuleInfo.NONE;
        }
        if (toml.hasErrors()) {
            for (TomlParseError error : toml.errors()) {
                problems.add(file, line(error.position()), "is not valid TOML: " + error.getMessage());
            }
            return ModuleInfo.NONE;
        }
        unknownKeys(toml, "", TOP_KEYS);
        TomlTable module = table(toml, "module", "[module]");
        unknownKeys(module, "[module] ", MODULE_KEYS);
        Optional<String> title = text(module, "title").or(() -> text(module, "message"));
        String icon = text(module, "icon").orElse("");
        String completion = text(module, "completion_message").orElse("");
        List<ModuleInfo.Written> prerequisites = prerequisites(module, "prerequisites");
        return new ModuleInfo(title, icon, completion, prerequisites, exercises(toml));
    }

    private Map<String, ModuleInfo.ExerciseEntry> exercises(TomlTable toml) {
        Map<String, ModuleInfo.ExerciseEntry> out = new LinkedHashMap<>();
        TomlTable exercises = table(toml, "exercises", "[exercises]");
        if (exercises == null) {
            return out;
        }
        for (String key : exercises.keySet()) {
            List<String> path = List.of(key);
            String at = line(exercises.inputPositionOf(path));
            Object value = exercises.get(path);
            if (value instanceof String title) {
                out.put(key, new ModuleInfo.ExerciseEntry(key, at, Optional.of(title), Optional.empty(), "",
                        List.of(), List.of(), List.of(), LimitOverrides.NONE));
            } else if (value instanceof TomlTable entry) {
                out.put(key, entry(key, at, entry));
            } else {
                problems.add(file, at, "exercise \"" + key + "\" must be a title (\"" + key + "\" = \"Title\") or a"
                        + " table ({ title = \"Title\", xp = 20 }), found " + describe(value));
            }
        }
        return out;
    }

    /** Keys the format does not know: the original ignored them, so they are warnings, named with the known ones. */
    private void unknownKeys(TomlTable table, String where, List<String> known) {
        if (table == null) {
            return;
        }
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                String closest = Spelling.closest(key, known);
                problems.warn(file, line(table.inputPositionOf(List.of(key))), where + "unknown key `" + key + "`"
                        + (closest == null ? "" : " (did you mean `" + closest + "`?)") + "; it is ignored (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private ModuleInfo.ExerciseEntry entry(String key, String at, TomlTable entry) {
        unknownKeys(entry, "exercise \"" + key + "\": ", ENTRY_KEYS);
        Optional<Integer> xp = Optional.empty();
        if (entry.contains(List.of("xp"))) {
            Object v = entry.get(List.of("xp"));
            if (v instanceof Long n && n >= 0 && n <= Integer.MAX_VALUE) {
                xp = Optional.of(n.intValue());
            } else {
                problems.add(file, line(entry.inputPositionOf(List.of("xp"))), "`xp` of exercise \"" + key
                        + "\" must be a whole number of 0 or more (found " + describe(v) + ")");
            }
        }
        String difficulty = text(entry, "difficulty").orElse("");
        if (!difficulty.isEmpty() && !DIFFICULTIES.contains(difficulty)) {
            problems.add(file, line(entry.inputPositionOf(List.of("difficulty"))), "`difficulty` of exercise \""
                    + key + "\" must be one of easy, medium, hard (found \"" + difficulty + "\")");
            difficulty = "";
        }
        return new ModuleInfo.ExerciseEntry(key, at, text(entry, "title"), xp, difficulty,
                strings(entry, "tags"), prerequisites(entry, "prerequisites"), strings(entry, "hints"),
                limits(key, entry));
    }

    /** The exercise's own limits: the runner's keys, each a number within what a sandbox allows. */
    private LimitOverrides limits(String key, TomlTable entry) {
        OptionalDouble timeout = number(key, entry, "timeout_seconds", 1, 3600, "seconds");
        OptionalDouble memory = number(key, entry, "memory_mb", 16, 8192, "MiB");
        OptionalDouble cpus = number(key, entry, "cpus", 0.1, 64, "CPUs");
        OptionalDouble pids = number(key, entry, "pids", 8, 4096, "processes");
        return new LimitOverrides(
                timeout.isPresent() ? Optional.of(Duration.ofMillis(Math.round(timeout.getAsDouble() * 1000))) : Optional.empty(),
                memory.isPresent() ? OptionalInt.of((int) memory.getAsDouble()) : OptionalInt.empty(),
                cpus, pids.isPresent() ? OptionalInt.of((int) pids.getAsDouble()) : OptionalInt.empty());
    }

    private OptionalDouble number(String exercise, TomlTable entry, String name, double min, double max, String unit) {
        if (!entry.contains(List.of(name))) {
            return OptionalDouble.empty();
        }
        Object v = entry.get(List.of(name));
        double n = v instanceof Long l ? l : v instanceof Double d ? d : Double.NaN;
        boolean fractions = name.equals("cpus") || name.equals("timeout_seconds");
        if (Double.isNaN(n) || n < min || n > max || (!fractions && n != Math.rint(n))) {
            problems.add(file, line(entry.inputPositionOf(List.of(name))), "`" + name + "` of exercise \"" + exercise
                    + "\" must be a " + (fractions ? "number" : "whole number") + " of " + unit + " from " + fmt(min)
                    + " to " + fmt(max) + " (found " + describe(v) + ")");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(n);
    }

    private static String fmt(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }

    private List<ModuleInfo.Written> prerequisites(TomlTable table, String key) {
        List<ModuleInfo.Written> out = new ArrayList<>();
        if (table == null) {
            return out;
        }
        String at = line(table.inputPositionOf(List.of(key)));
        for (String text : strings(table, key)) {
            try {
                out.add(new ModuleInfo.Written(PrerequisiteSyntax.parse(text), at));
            } catch (IllegalArgumentException e) {
                problems.add(file, at, e.getMessage());
            }
        }
        return out;
    }

    /** A sub-table, or null (reporting it when the key holds something else). */
    private TomlTable table(TomlTable parent, String key, String shown) {
        Object v = parent.get(List.of(key));
        if (v == null || v instanceof TomlTable) {
            return (TomlTable) v;
        }
        problems.add(file, line(parent.inputPositionOf(List.of(key))), shown + " must be a table (found "
                + describe(v) + ")");
        return null;
    }

    private Optional<String> text(TomlTable table, String key) {
        if (table == null || !table.contains(List.of(key))) {
            return Optional.empty();
        }
        Object v = table.get(List.of(key));
        if (v instanceof String s) {
            return Optional.of(s);
        }
        problems.add(file, line(table.inputPositionOf(List.of(key))), "`" + key + "` must be text in quotes (found "
                + describe(v) + ")");
        return Optional.empty();
    }

    private List<String> strings(TomlTable table, String key) {
        List<String> out = new ArrayList<>();
        if (table == null || !table.contains(List.of(key))) {
            return out;
        }
        Object v = table.get(List.of(key));
        String at = line(table.inputPositionOf(List.of(key)));
        if (!(v instanceof TomlArray array)) {
            problems.add(file, at, "`" + key + "` must be a list of texts, e.g. [\"a\", \"b\"] (found "
                    + describe(v) + ")");
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (item instanceof String s) {
                out.add(s);
            } else {
                problems.add(file, at, "`" + key + "` must hold only texts in quotes (item " + (i + 1) + " is "
                        + describe(item) + ")");
            }
        }
        return out;
    }

    private static String line(TomlPosition position) {
        return position == null ? "" : "line " + position.line();
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "text \"" + s + "\"";
        }
        if (v instanceof Long || v instanceof Double) {
            return "the number " + v;
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof TomlArray) {
            return "a list";
        }
        if (v instanceof TomlTable) {
            return "a table";
        }
        return v == null ? "nothing" : "a date or time";
    }
}
