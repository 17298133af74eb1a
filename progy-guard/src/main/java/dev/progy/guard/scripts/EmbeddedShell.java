package dev.progy.guard.scripts;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell commands as other files embed them, rewritten into the shell the behaviour rules read: a Makefile's
 * recipes and variables ({@code $(OUT)} is make's variable, {@code $$} the shell's {@code $}), and Go's
 * {@code //go:generate} directives, which look like comments but are commands {@code go generate} runs.
 */
final class EmbeddedShell {

    /** {@code $(NAME)} or {@code ${NAME}} of make, not {@code $$(…)}, which make hands to the shell as {@code $(…)}. */
    private static final Pattern MAKE_VARIABLE = Pattern.compile("(?<!\\$)\\$[({]([A-Za-z_]\\w*)[)}]");
    /** {@code OUT = x}, {@code OUT := x}, {@code OUT ?= x}, {@code OUT += x}, {@code OUT != cmd} outside recipes. */
    private static final Pattern MAKE_ASSIGNMENT = Pattern.compile("^(?:export\\s+|override\\s+)?([A-Za-z_]\\w*)\\s*(:{1,3}|\\?|\\+|!)?=\\s*(.*)$");
    private static final Pattern GO_GENERATE = Pattern.compile("^\\s*//go:generate\\s+(.*)$");

    private EmbeddedShell() { }

    /**
     * A Makefile's lines as shell: make variables written {@code ${NAME}} so an unset one shows as the empty variable
     * it is ({@code rm -rf $(OUT)/} deletes {@code /} when OUT is not given), assignments written {@code NAME="value"}
     * so a set one is known to be set, and {@code $$} as {@code $}.
     */
    static List<ScriptLine> make(List<ScriptLine> physical) {
        return physical.stream().map(l -> {
            String text = MAKE_VARIABLE.matcher(l.text()).replaceAll("\\${$1}");
            Matcher a = MAKE_ASSIGNMENT.matcher(text);
            if (!text.startsWith("\t") && a.matches()) {
                String value = a.group(3).trim().replace("\"", "\\\"");
                // != assigns a command's output: computed, so set (unless the command prints nothing; it is not run here)
                text = a.group(1) + "=\"" + ("!".equals(a.group(2)) ? "$(" + value + ")" : value) + "\"";
            }
            return new ScriptLine(l.line(), text.replace("$$", "$"));
        }).toList();
    }

    /** Whether a Go file has {@code //go:generate} directives: commands it asks {@code go generate} to run. */
    static boolean generates(List<ScriptLine> physical) {
        return physical.stream().anyMatch(l -> GO_GENERATE.matcher(l.text()).matches());
    }

    /** A Go file's lines with each {@code //go:generate} directive written as the command it runs. */
    static List<ScriptLine> goGenerate(List<ScriptLine> physical) {
        return physical.stream().map(l -> {
            Matcher g = GO_GENERATE.matcher(l.text());
            return g.matches() ? new ScriptLine(l.line(), g.group(1)) : l;
        }).toList();
    }
}
