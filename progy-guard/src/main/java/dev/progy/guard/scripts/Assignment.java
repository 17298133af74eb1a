package dev.progy.guard.scripts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assignment statement in any of the languages scripts are written in — {@code X=1}, {@code export X="$(env)"},
 * {@code const x = fetch(u)}, {@code String base = ...}, {@code x: bytes = ...}, {@code x := ...}, {@code $x = ...}
 * — split at its operator by hand: a single pattern over the whole statement backtracks badly on long lines.
 *
 * @param name  the variable assigned
 * @param value the right-hand side, trimmed (a trailing {@code ;} dropped)
 */
record Assignment(String name, String value) {

    private static final Pattern TARGET = Pattern.compile(
            "\\s*(?:export\\s+|local\\s+|readonly\\s+|declare\\s+(?:-\\w+\\s+)*|const\\s+|let\\s+|var\\s+|final\\s+|my\\s+|\\$)?"
                    + "(?:[A-Z][\\w.]*(?:<[^=]*>)?(?:\\[])*\\s+)?" // a Java, C# or Go type: String base = ...
                    // Go's and Python's several targets (c, err := ..., data, _ = ...): the first is the value
                    + "([A-Za-z_]\\w*)(?:\\s*,\\s*[A-Za-z_]\\w*)*\\s*(?::\\s*[\\w.\\[\\], ]+)?\\s*[+:]?");

    /** The assignment {@code statement} is, if it is one. */
    static Optional<Assignment> of(String statement) {
        int at = operator(statement);
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = TARGET.matcher(statement.substring(0, at));
        if (!m.matches()) {
            return Optional.empty();
        }
        String value = statement.substring(at + 1).trim();
        if (value.endsWith(";")) {
            value = value.substring(0, value.length() - 1).trim();
        }
        return value.isEmpty() && !statement.substring(0, at).matches("\\s*(?:export\\s+|local\\s+|readonly\\s+)?[A-Za-z_]\\w*")
                ? Optional.empty() : Optional.of(new Assignment(m.group(1), value));
    }

    /** The index of the first lone {@code =} outside quotes (not ==, !=, <=, >=, =>, =~), or -1. */
    private static int operator(String s) {
        char quote = 0;
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                return -1; // a call or an index before any '=': not a plain assignment
            } else if (c == '=') {
                char before = i > 0 ? s.charAt(i - 1) : ' ';
                char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if (after == '=' || after == '>' || after == '~' || before == '=' || before == '!' || before == '<' || before == '>') {
                    return -1;
                }
                return i;
            }
        }
        return -1;
    }
}
