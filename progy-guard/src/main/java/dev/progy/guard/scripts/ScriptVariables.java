package dev.progy.guard.scripts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of one script as it is read from top to bottom: which names were assigned, and the text of those
 * assigned a plain string ({@code U=http://x}, {@code c="${c}rl"}, {@code cmd = "nc -e /bin/" + "sh"}), so that
 * {@code $c -s $U | sh} or {@code os.system(cmd)} can be read with the values in place — the way a variable holding
 * a URL or half a command name hides it from a line-by-line look.
 */
final class ScriptVariables {

    /** Names a loop, read or getopts sets: {@code for d in …}, {@code while read -r line}. */
    private static final Pattern LOOP_VARIABLE = Pattern.compile(
            "\\b(?:for|select)\\s+([A-Za-z_]\\w*)\\s+in\\b|\\b(?:read|getopts\\s+\\S+)(?:\\s+-\\w+)*\\s+([A-Za-z_]\\w*)\\b");
    private static final Pattern QUOTED = Pattern.compile("^[fbrFBR]?([\"'`])((?:(?!\\1).)*)\\1$");
    private static final Pattern JOINED_ARRAY = Pattern.compile(
            "^\\[\\s*((?:[\"'][^\"']*[\"']\\s*,\\s*)*[\"'][^\"']*[\"'])\\s*,?\\s*]\\.join\\(\\s*([\"'])([^\"']*)\\2\\s*\\)$");
    private static final Pattern SHELL_LITERAL = Pattern.compile("^[^\\s$`()|;&<>*?]*$");
    private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_]\\w*)}|\\$([A-Za-z_]\\w*)");
    private static final int MAX_VALUE = 500;
    private static final int MAX_NAMES = 200;

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> assigned = new HashSet<>();

    /** Learns the assignments of one (clean) line; later lines see them. */
    void learn(String line) {
        Matcher loop = LOOP_VARIABLE.matcher(line);
        while (loop.find()) {
            assigned.add(loop.group(1) != null ? loop.group(1) : loop.group(2));
        }
        if (line.indexOf('=') < 0) {
            return;
        }
        for (String statement : statements(line)) {
            Optional<Assignment> a = Assignment.of(statement);
            if (a.isEmpty()) {
                continue;
            }
            String name = a.get().name();
            // X=value (no spaces, one word) is the shell's; anything else is a program's
            boolean shell = statement.matches("\\s*(?:export\\s+|local\\s+|readonly\\s+|declare\\s+(?:-\\w+\\s+)*)?\\w+=\\S*\\s*");
            String value = literal(substitute(a.get().value()), shell);
            if (value == null) {
                values.remove(name);
                assigned.add(name);
            } else if (values.size() < MAX_NAMES && value.length() <= MAX_VALUE) {
                values.put(name, value);
                if (value.isEmpty()) {
                    assigned.remove(name);
                } else {
                    assigned.add(name);
                }
            }
        }
    }

    /** Whether {@code name} was given a value that is not empty, literal or computed, on an earlier line. */
    boolean assigned(String name) {
        return assigned.contains(name);
    }

    /** {@code line} with the string variables known so far written out: {@code $U} as its text, {@code cmd} as {@code "text"}. */
    String substitute(String line) {
        if (values.isEmpty()) {
            return line;
        }
        String s = line;
        if (s.indexOf('$') >= 0) {
            s = SHELL_REFERENCE.matcher(s).replaceAll(m -> {
                String value = values.get(m.group(1) != null ? m.group(1) : m.group(2));
                return Matcher.quoteReplacement(value == null ? m.group() : value);
            });
        }
        List<String> present = new ArrayList<>();
        for (String name : values.keySet()) {
            if (s.contains(name)) {
                present.add(name);
            }
        }
        if (present.isEmpty()) {
            return s;
        }
        Pattern identifiers = Pattern.compile("(?<![\\w.$\"'])(" + String.join("|", present) + ")(?![\\w\"'(]|\\s*=[^=])");
        return identifiers.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\"" + values.get(m.group(1)) + "\""));
    }

    /** The text of a right-hand side that is a plain string once glued, or null. */
    private static String literal(String rhs, boolean shell) {
        String glued = HiddenText.clean(rhs.trim());
        Matcher joined = JOINED_ARRAY.matcher(glued);
        if (joined.matches()) {
            // ['cu', 'rl', ' -s …'].join('') is a string too
            List<String> parts = new ArrayList<>();
            Matcher piece = Pattern.compile("([\"'])((?:(?!\\1).)*)\\1").matcher(joined.group(1));
            while (piece.find()) {
                parts.add(piece.group(2));
            }
            return String.join(joined.group(3), parts);
        }
        Matcher q = QUOTED.matcher(glued);
        if (q.matches()) {
            // "$(cmd)", "$OTHER" and `cmd` are computed, not plain text
            boolean computed = !q.group(1).equals("'") && q.group(2).matches("(?s).*(?:\\$[({A-Za-z_]|`).*");
            return computed ? null : q.group(2);
        }
        return shell && SHELL_LITERAL.matcher(glued).matches() ? glued : null;
    }

    /** The statements of a line: split at ; && || outside quotes. */
    static List<String> statements(String line) {
        List<String> out = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == ';' || (c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
                out.add(line.substring(start, i));
                start = c == ';' ? i + 1 : i + 2;
                i = start - 1;
            }
        }
        out.add(line.substring(Math.min(start, line.length())));
        return out;
    }
}
