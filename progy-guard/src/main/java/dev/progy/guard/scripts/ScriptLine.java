package dev.progy.guard.scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a script as the behaviour rules read it, with the line of the file it comes from: a line of a shell or
 * Python file, a Dockerfile {@code RUN}, a compose {@code command}, a course.json runner command. A statement written
 * over several lines (a {@code \}-continued shell line, a call whose parentheses close further down) is joined into
 * one logical line that keeps its {@link #parts()}, so a finding can still point at the physical line that shows it.
 *
 * @param line  the 1-based line of the file the text starts on
 * @param text  the text, joined when it spans several lines
 * @param parts the physical lines joined into it (itself alone when it is one)
 */
record ScriptLine(int line, String text, List<ScriptLine> parts) {

    ScriptLine(int line, String text) {
        this(line, text, List.of());
    }

    /** The physical lines of this logical line. */
    List<ScriptLine> physical() {
        return parts.isEmpty() ? List.of(this) : parts;
    }

    /** Lines of {@code text} numbered from 1. */
    static List<ScriptLine> of(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<ScriptLine> out = new ArrayList<>(lines.length);
        for (int n = 0; n < lines.length; n++) {
            out.add(new ScriptLine(n + 1, lines[n]));
        }
        return out;
    }

    /**
     * Physical lines joined into statements: a line ending in a backslash continues on the next, and so does one
     * whose brackets are still open (outside quotes and comments), up to {@value #MAX_JOINED} lines.
     */
    static List<ScriptLine> logical(List<ScriptLine> physical) {
        List<ScriptLine> out = new ArrayList<>();
        int n = 0;
        while (n < physical.size()) {
            ScriptLine first = physical.get(n);
            List<ScriptLine> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int depth = 0;
            boolean more;
            do {
                ScriptLine part = physical.get(n++);
                parts.add(part);
                String t = part.text();
                boolean continued = t.endsWith("\\") && !t.endsWith("\\\\");
                text.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
                depth = Math.max(0, depth + bracketBalance(t));
                more = (continued || depth > 0) && n < physical.size() && parts.size() < MAX_JOINED;
            } while (more);
            out.add(parts.size() == 1 ? first : new ScriptLine(first.line(), text.toString().trim(), List.copyOf(parts)));
        }
        return out;
    }

    private static final int MAX_JOINED = 12;

    /** Opening minus closing brackets outside quotes, up to a comment. */
    private static int bracketBalance(String line) {
        int depth = 0;
        char quote = 0;
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
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))
                    || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                break;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }
}
