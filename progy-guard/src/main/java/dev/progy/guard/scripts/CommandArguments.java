package dev.progy.guard.scripts;

import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The behaviour rules that depend on a command's arguments rather than its name: {@code rm} is harmless until its
 * target is {@code /}, {@code ~}, {@code ..} or a variable nothing set ({@code "$DIR"/} deletes {@code /} when DIR
 * is empty), {@code chmod} until its mode has the setuid or setgid bit; the same deletes written in Python or
 * JavaScript ({@code shutil.rmtree(Path.home())}); and a shell start-up file written from Python or JavaScript.
 */
final class CommandArguments {

    /**
     * A rule a line breaks, and what to say.
     *
     * @param command whether it is a command ({@code rm -rf ~}), which in a program's text only matters when the
     *                program runs commands, rather than a call of the language's own ({@code shutil.rmtree(...)})
     */
    record Hit(GuardRule rule, String message, boolean command) { }

    private static final Pattern RM = Pattern.compile("(?<![\\w.-])rm\\s+([^;&|\\n`]*)");
    private static final Pattern CHMOD = Pattern.compile("(?<![\\w.-])chmod\\s+([^;&|\\n`]*)");
    private static final Pattern FIND_DELETE = Pattern.compile(
            "\\bfind\\s+[\"']?(?:/|~|\\$HOME|\\$\\{HOME})/?\\*?[\"']?\\s[^;&|\\n]*(?:-delete\\b|-exec\\s+rm\\b)");
    private static final String HOME_EXPRESSION = "(?:os\\.path\\.expanduser\\(\\s*[\"']~/?[\"']\\s*\\)|(?:str\\()?(?:pathlib\\.)?Path\\.home\\(\\)\\)?"
            + "|os\\.environ\\[[\"']HOME[\"']]|os\\.(?:environ\\.get|getenv)\\(\\s*[\"']HOME[\"'][^)]*\\)"
            + "|(?:(?:require\\([\"'](?:node:)?os[\"']\\)|os)\\.)?homedir\\(\\)|process\\.env\\.HOME|Dir\\.home|ENV\\[[\"']HOME[\"']])";
    private static final Pattern CODE_DELETE = Pattern.compile(
            "\\b(?:shutil\\.rmtree|rmtree|rmSync|rmdirSync|rimraf(?:\\.sync)?|fs\\.rm|fs\\.rmdir|fsPromises\\.rm|remove_tree|removeSync"
                    + "|emptyDirSync|FileUtils\\.(?:rm_rf|rm_r|remove_dir)|deleteDirectory)\\s*\\("
                    + "\\s*(?:(?:path\\.\\w+|os\\.path\\.\\w+|str|Path|String|File)\\(\\s*)*(?:" + HOME_EXPRESSION
                    + "|[\"'](?:/|/\\*|~|~/|\\.\\.|\\.\\./|/(?:bin|boot|etc|home|lib|opt|root|sbin|srv|usr|var|Users))[\"'])\\s*\\)*\\s*[,)]");
    private static final List<String> DELETE_WORDS = List.of("rmtree", "rmsync", "rmdirsync", "rimraf", "fs.rm", "remove_tree",
            "removesync", "emptydirsync", "fileutils", "deletedirectory");
    private static final Pattern DANGEROUS_TARGET = Pattern.compile(
            "/+\\*?|/\\.\\*?|~/?\\*?|~/\\.\\*|(?:\\.\\./?)+\\*?"
                    + "|/(?:bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var|Users|Applications|Library|System)/?\\*?"
                    + "|~/(?:Documents|Desktop|Downloads|Pictures|Music|Videos|Projects|src|code|\\.ssh|\\.config|\\.local|\\.gnupg)/?\\*?");
    private static final Pattern VARIABLE_TARGET = Pattern.compile("^\\$\\{?([A-Za-z_]\\w*|[0-9@*])(?:(:?[-?])([^}]*))?}?(.*)$");
    private static final Pattern STARTUP_FILE = Pattern.compile("[\"'/]" + LineBehaviours.STARTUP + "[\"']");
    private static final Pattern HOME_IN_CODE = Pattern.compile(
            "~|\\$HOME|\\$\\{HOME}|expanduser|Path\\.home\\(\\)|homedir\\(\\)|[\"']HOME[\"']|process\\.env\\.HOME|/home/|/root/|/Users/");
    private static final Pattern WRITE_IN_CODE = Pattern.compile(
            "\\b(?:write\\w*|append\\w*|copy\\w*|symlink\\w*|rename\\w*)\\s*\\(|\\bopen\\s*\\([^\\n]*,\\s*[\"'][aw]|\\.open\\(\\s*[\"'][aw]");

    private CommandArguments() { }

    static List<Hit> find(String text, ScriptVariables variables) {
        List<Hit> out = new ArrayList<>(1);
        String delete = "deletes recursively at /, ~, .. or under a variable that may be empty";
        String lower = text.toLowerCase(Locale.ROOT);
        if (LineBehaviours.containsAny(lower, DELETE_WORDS) && CODE_DELETE.matcher(text).find()) {
            out.add(new Hit(GuardRules.DESTRUCTIVE_DELETE, delete, false));
        } else if ((lower.contains("rm") || lower.contains("find")) && deletes(text, variables)) {
            out.add(new Hit(GuardRules.DESTRUCTIVE_DELETE, delete, true));
        }
        if (lower.contains("chmod") && setsSetuid(text)) {
            out.add(new Hit(GuardRules.SETUID, "sets the setuid or setgid bit", false));
        }
        if (text.contains("rc") || text.contains("profile") || text.contains("zsh") || text.contains("fish")) {
            if (STARTUP_FILE.matcher(text).find() && HOME_IN_CODE.matcher(text).find() && WRITE_IN_CODE.matcher(text).find()) {
                out.add(new Hit(GuardRules.PERSISTENCE, "changes the student's shell start-up, cron or services so it runs again later", false));
            }
        }
        return out;
    }

    private static boolean deletes(String text, ScriptVariables variables) {
        if (FIND_DELETE.matcher(text).find()) {
            return true;
        }
        Matcher rm = RM.matcher(text);
        while (rm.find()) {
            boolean recursive = false;
            boolean options = true;
            List<String> targets = new ArrayList<>();
            for (String word : words(rm.group(1))) {
                if (options && word.equals("--")) {
                    options = false;
                } else if (options && word.startsWith("--")) {
                    recursive |= word.equals("--recursive");
                } else if (options && word.startsWith("-") && word.length() > 1) {
                    recursive |= word.indexOf('r') > 0 || word.indexOf('R') > 0;
                } else {
                    targets.add(word);
                }
            }
            if (recursive && targets.stream().anyMatch(t -> dangerous(t, variables))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an rm target is /, ~, .., a system or personal folder, or a variable nothing set followed by / or /*. */
    static boolean dangerous(String target, ScriptVariables variables) {
        Matcher v = VARIABLE_TARGET.matcher(target);
        if (!v.matches()) {
            return DANGEROUS_TARGET.matcher(target).matches();
        }
        String name = v.group(1);
        String operator = v.group(2);
        String rest = v.group(4);
        if (operator != null && operator.endsWith("?")) {
            return false; // ${DIR:?} stops the script when DIR is empty
        }
        if (operator != null) {
            return dangerous(v.group(3) + rest, variables); // ${DIR:-default}: judged with its default
        }
        if (name.equals("HOME")) {
            return dangerous("~" + rest, variables);
        }
        if (variables.assigned(name)) {
            return false; // set by the script itself, to a value or a command's output
        }
        // empty, "$DIR" is "" and deletes nothing; "$DIR/" and "$DIR"/* are / and /*
        return rest.equals("/") || rest.equals("/*") || rest.equals("/.*") || rest.equals("/.");
    }

    private static boolean setsSetuid(String text) {
        Matcher chmod = CHMOD.matcher(text);
        while (chmod.find()) {
            for (String word : words(chmod.group(1))) {
                if (word.startsWith("-") && !word.matches("-[ugoa]*[+=-].*")) {
                    continue; // -R, -v, --reference=...
                }
                return setuidMode(word);
            }
        }
        return false;
    }

    /** 4755, 2775, u+s, +xs, g=rwxs, u=rwx,u+s: a mode with the setuid or setgid bit. */
    static boolean setuidMode(String mode) {
        if (mode.matches("0*[2-7][0-7]{3}")) {
            return true;
        }
        for (String clause : mode.split(",")) {
            if (clause.matches("[ugoa]*[+=][rwxXt]*s[rwxXst]*")) {
                return true;
            }
        }
        return false;
    }

    /** The words of an argument list, quotes dropped and the brackets of a surrounding call trimmed. */
    private static List<String> words(String arguments) {
        List<String> out = new ArrayList<>();
        for (String raw : arguments.trim().split("\\s+")) {
            String w = raw.replace("\"", "").replace("'", "").replaceAll("[),\\]}]+$", "");
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
