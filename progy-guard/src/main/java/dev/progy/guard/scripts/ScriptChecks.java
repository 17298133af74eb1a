package dev.progy.guard.scripts;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRule;
import dev.progy.guard.rule.GuardRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The behaviour rules (PG-B…, and PG-D005 for downloads run) over the text of runner scripts, build files and
 * exercise code (shell, Python, JavaScript and more; Dockerfile {@code RUN} lines, compose commands, course.json and
 * package.json commands). Each logical line is judged as written, with one level of obfuscation undone
 * ({@link HiddenText}: escapes, glued strings, variables written out by {@link ScriptVariables}), and as decoded from
 * the encoded blobs on it; {@link LineBehaviours} and {@link CommandArguments} find what one line shows,
 * {@link ScriptFlows} what takes several. Each rule is reported once a line, on the physical line that shows it.
 */
final class ScriptChecks {

    private static final int MAX_LINE = 20_000;
    /** How a line was read, and what a finding from that reading adds to its message. */
    private enum Reading {
        AS_WRITTEN(""), UNDONE(" (once its obfuscation is undone)"), VARIABLES(" (once its obfuscation is undone)"),
        DECODED(" (hidden in an encoded string)");

        final String suffix;

        Reading(String suffix) {
            this.suffix = suffix;
        }
    }
    /**
     * The rules judged with variables written out: those a variable can complete (a command, a deleted or written
     * path). A path read or a miner named is already found where the variable is set; repeating it at every use
     * would only bury the finding.
     */
    private static final Set<GuardRule> WRITTEN_RULES = Set.of(GuardRules.PIPE_TO_SHELL, GuardRules.ENV_EXFILTRATION,
            GuardRules.REVERSE_SHELL, GuardRules.DECODE_AND_RUN, GuardRules.DESTRUCTIVE_DELETE, GuardRules.PERSISTENCE,
            GuardRules.SETUID);
    private static final String FIX = "remove it: course code must only build and check the exercise";
    /** Languages whose files are programs: a command in their text is a string until something runs it. */
    private static final Set<String> PROGRAMS = Set.of("py", "pyw", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx",
            "rb", "pl", "pm", "php", "lua", "r", "java", "kt", "kts", "groovy", "gradle", "scala", "go", "rs", "c", "cc",
            "cpp", "h", "hpp", "cs", "swift", "Rakefile", "Vagrantfile");
    private static final Set<String> MAKEFILES = Set.of("Makefile", "makefile", "GNUmakefile", "mk");
    private static final Set<String> SLASH_COMMENTS = Set.of("js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "php",
            "java", "kt", "kts", "groovy", "gradle", "scala", "go", "rs", "c", "cc", "cpp", "h", "hpp", "cs", "swift");
    /** What runs a command or code in a program (its calls, not a shell's pipes: those would match the strings themselves). */
    private static final Pattern RUNS_SOMETHING = Pattern.compile(
            "(?<![\\w.])(?:exec|eval|execfile|compile|system|popen|spawn|execFile|execv\\w*|execl\\w*)\\s*\\((?!\\s*\\))"
                    + "|\\bnew\\s+Function\\s*\\(|(?<![\\w.])Function\\s*\\(|\\bvm\\.\\w+\\s*\\(|runInThisContext|runInNewContext"
                    + "|\\(\\s*(?:eval|Function)\\s*\\)|\\b(?:os\\.system|os\\.popen|os\\.exec\\w*|os\\.spawn\\w*|subprocess\\.\\w+|Popen|pty\\.spawn"
                    + "|execSync|execFileSync|spawnSync|shell_exec|passthru|proc_open)\\s*\\(|(?:child_process|\\bcp)\\.\\w+\\s*\\("
                    + "|\\b(?:pickle|marshal)\\.loads\\s*\\(|Runtime\\.getRuntime\\(\\)\\.exec|\\bProcessBuilder\\b|\\bIO\\.popen\\b|\\bOpen3\\b"
                    + "|%x[({\\[]|\\bsh\\s*\\(|\\bcommandLine\\b|\\bExec\\s*[,)]|\\btype:\\s*Exec\\b|[\\]\"']\\.execute\\(\\)"
                    + "|\\)\\s*\\.(?:system|popen|exec[lv]\\w*|spawn\\w*)\\s*\\(|\\bsh\\s+[\"']|\\bexec\\.Command\\(|Command::new\\(|\\bqx[({/]|[\"'](?:system|popen|exec|eval|spawn)[\"']");

    /**
     * What touches files, the network or the home folder in a program: a secret path in a program that does none of
     * this (nor runs anything) is only text (a linter's list, a test's sample), read by nobody.
     */
    private static final Pattern TOUCHES_FILES = Pattern.compile(
            "(?<![\\w.])(?:open|fopen|read\\w*|load|copy\\w*|glob|iglob|rglob|listdir|scandir|walk|readdir\\w*|readFile\\w*"
                    + "|createReadStream|stat|lstat|exists\\w*|is_file|is_dir|upload\\w*|send\\w*|post|put|fetch|urlopen|request"
                    + "|make_archive|write\\w*|file_get_contents)\\s*\\(|\\b(?:expanduser|home|homedir|getenv)\\s*\\("
                    + "|\\.(?:read\\w*|open|write\\w*|exists|copy\\w*|glob|rglob|iterdir|stat)\\s*\\(|\\b(?:shutil|fs|fsPromises|socket|zipfile"
                    + "|tarfile|requests|urllib|http|https|httpx|aiohttp|Files|File|IO|Dir|FileUtils)\\b|\\$HOME|process\\.env|\\benviron\\b");
    /** A string literal compared with something: after ==, !=, ===, .equals( or as an assertion's first argument, or before ==. */
    private static final Pattern COMPARED = Pattern.compile(
            "(?:[=!]==?|\\.equals\\(|\\bassert\\w*\\()\\s*([\"'])(?:(?!\\1)[^\\\\]|\\\\.)*\\1"
                    + "|([\"'])(?:(?!\\2)[^\\\\]|\\\\.)*\\2\\s*(?:[=!]==?|\\.equals\\()");

    private ScriptChecks() { }

    /** The behaviour findings of {@code text}, the content of {@code file} (relative to the course root). */
    static List<Finding> check(String file, String text) {
        return check(file, ScriptLine.of(text));
    }

    /** The behaviour findings of lines of {@code file}, each carrying the line of the file it comes from. */
    static List<Finding> check(String file, List<ScriptLine> physical) {
        Map<String, Finding> out = new LinkedHashMap<>();
        ScriptVariables variables = new ScriptVariables();
        String kind = kind(file, physical);
        if (MAKEFILES.contains(kind)) {
            physical = EmbeddedShell.make(physical);
        }
        // a Go file with //go:generate runs the directive's command whatever its code does
        boolean generates = kind.equals("go") && EmbeddedShell.generates(physical);
        if (generates) {
            physical = EmbeddedShell.goGenerate(physical);
        }
        List<ScriptLine> logical = ScriptLine.logical(withoutComments(physical, kind));
        // in a program, a command written as a string is data (a test's sample, a detector's pattern) unless the
        // program runs something
        Runs commands = new Runs(!PROGRAMS.contains(kind) || generates, logical);
        List<String> raws = new ArrayList<>(logical.size());
        List<ScriptLine> clean = new ArrayList<>(logical.size());
        List<String> substituted = new ArrayList<>(logical.size());
        for (ScriptLine line : logical) {
            String raw = line.text().length() > MAX_LINE ? line.text().substring(0, MAX_LINE) : line.text();
            String cleaned = HiddenText.clean(raw);
            String written = variables.substitute(cleaned);
            if (!written.equals(cleaned)) {
                written = HiddenText.clean(written);
            }
            Set<GuardRule> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            match(file, line, raw, Reading.AS_WRITTEN, variables, commands, seen, out);
            if (!cleaned.equals(raw)) {
                match(file, line, cleaned, Reading.UNDONE, variables, commands, seen, out);
            }
            if (!written.equals(cleaned)) {
                match(file, line, written, Reading.VARIABLES, variables, commands, seen, out);
            }
            Set<String> decoded = new HashSet<>(HiddenText.blobs(raw));
            if (!written.equals(raw)) {
                decoded.addAll(HiddenText.blobs(written));
            }
            for (String text : decoded) {
                for (String decodedLine : text.split("\r?\n")) {
                    match(file, line, decodedLine, Reading.DECODED, variables, commands, seen, out);
                    String decodedClean = HiddenText.clean(decodedLine);
                    if (!decodedClean.equals(decodedLine)) {
                        match(file, line, decodedClean, Reading.DECODED, variables, commands, seen, out);
                    }
                }
            }
            variables.learn(cleaned);
            raws.add(raw);
            clean.add(new ScriptLine(line.line(), cleaned, line.parts()));
            substituted.add(written);
        }
        for (ScriptFlows.Flow flow : ScriptFlows.check(raws, clean, substituted)) {
            if (flow.command() && !commands.can()) {
                continue; // a shell command in a program's string, and the program runs nothing
            }
            add(out, new Finding(flow.rule(), file, physicalLine(flow.line(), flow.where()), "this line " + flow.message(), FIX));
        }
        return new ArrayList<>(out.values());
    }

    /** The line rules on one reading of a line; {@code commands}: whether commands in it can run (LineBehaviours.COMMANDS). */
    private static void match(String file, ScriptLine line, String text, Reading how, ScriptVariables variables,
                              Runs commands, Set<GuardRule> seen, Map<String, Finding> out) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (LineBehaviours.Behaviour b : LineBehaviours.ALL) {
            if (how == Reading.VARIABLES && !WRITTEN_RULES.contains(b.rule())) {
                continue;
            }
            if (!seen.contains(b.rule()) && b.shownBy(text, lower) && (!b.command() || commands.can()) && !onlyCompared(b, text)
                    && (b.rule() != GuardRules.SECRET_READ || commands.touches())) {
                seen.add(b.rule());
                int at = how == Reading.AS_WRITTEN ? physicalLine(line, b.pattern())
                        : how == Reading.DECODED ? blobLine(line) : line.line();
                add(out, new Finding(b.rule(), file, at, "this line " + b.message() + how.suffix, FIX));
            }
        }
        for (CommandArguments.Hit hit : CommandArguments.find(text, variables)) {
            if (hit.command() && !commands.can()) {
                continue; // a command in a program that runs nothing (see LineBehaviours.COMMANDS)
            }
            if (seen.add(hit.rule())) {
                int at = line.line();
                for (ScriptLine part : line.physical()) {
                    if (!CommandArguments.find(part.text(), variables).isEmpty()) {
                        at = part.line();
                        break;
                    }
                }
                add(out, new Finding(hit.rule(), file, at, "this line " + hit.message() + how.suffix, FIX));
            }
        }
    }

    /**
     * Whether a path the line names is only a value it compares ({@code assert cfg["IdentityFile"] == "~/.ssh/id_rsa"},
     * {@code assertEquals("/etc/shadow", path)}): a test's expected text, which reads nothing. Commands have their own
     * rule for strings ({@link Runs}); this is for the secret paths, which count in a program's strings.
     */
    private static boolean onlyCompared(LineBehaviours.Behaviour b, String text) {
        if (b.rule() != GuardRules.SECRET_READ || !(text.contains("==") || text.contains("!=") || text.contains("ssert")
                || text.contains(".equals("))) {
            return false;
        }
        String rest = COMPARED.matcher(text).replaceAll(" ");
        return !b.pattern().matcher(rest).find();
    }

    /**
     * Whether commands written in a file can run: always in a script; in a program, when it runs something — worked
     * out once, the first time a command is found (most files have none).
     */
    private static final class Runs {
        private final List<ScriptLine> lines;
        private Boolean can;
        private Boolean touches;

        Runs(boolean script, List<ScriptLine> lines) {
            this.lines = lines;
            this.can = script ? Boolean.TRUE : null;
        }

        boolean can() {
            if (can == null) {
                can = lines.stream().anyMatch(l -> RUNS_SOMETHING.matcher(l.text()).find()
                        || RUNS_SOMETHING.matcher(HiddenText.clean(l.text())).find());
            }
            return can;
        }

        /** Whether the program can touch files, the network or the home folder (always in a script). */
        boolean touches() {
            if (touches == null) {
                touches = can() || lines.stream().anyMatch(l -> TOUCHES_FILES.matcher(l.text()).find()
                        || TOUCHES_FILES.matcher(HiddenText.clean(l.text())).find());
            }
            return touches;
        }
    }

    /** The file's language: its extension, its name (Rakefile), or the interpreter its #! line names. */
    private static String kind(String file, List<ScriptLine> physical) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return name.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
        String first = physical.isEmpty() ? "" : physical.get(0).text();
        if (first.startsWith("#!")) {
            return first.matches(".*\\bpython[0-9.]*\\b.*") ? "py" : first.matches(".*\\bnode\\b.*") ? "js"
                    : first.matches(".*\\bruby\\b.*") ? "rb" : first.matches(".*\\bperl\\b.*") ? "pl" : "sh";
        }
        return name;
    }

    /** Whole-line comments blanked (their lines kept, so numbers stay right): prose, never run. */
    private static List<ScriptLine> withoutComments(List<ScriptLine> physical, String kind) {
        boolean slashes = SLASH_COMMENTS.contains(kind);
        List<ScriptLine> out = new ArrayList<>(physical.size());
        for (ScriptLine l : physical) {
            String t = l.text().stripLeading();
            boolean comment = t.startsWith("#") && !t.startsWith("#{") && !kind.equals("c") && !kind.equals("h")
                    && !kind.equals("cpp") && !kind.equals("cc") && !kind.equals("hpp") && !kind.equals("cs")
                    || slashes && (t.startsWith("//") || t.startsWith("/*") || t.startsWith("* ") || t.equals("*") || t.startsWith("*/"));
            out.add(comment ? new ScriptLine(l.line(), "") : l);
        }
        return out;
    }

    /** The physical line of a joined line that shows {@code where} on its own; the first when none does alone. */
    private static int physicalLine(ScriptLine line, Pattern where) {
        for (ScriptLine part : line.physical()) {
            if (where.matcher(part.text()).find() || where.matcher(HiddenText.clean(part.text())).find()) {
                return part.line();
            }
        }
        return line.line();
    }

    /** The physical line of a joined line that holds the encoded blob a finding was decoded from; the first when none does. */
    private static int blobLine(ScriptLine line) {
        for (ScriptLine part : line.physical()) {
            if (!HiddenText.blobs(part.text()).isEmpty()) {
                return part.line();
            }
        }
        return line.line();
    }

    /** One finding a rule and line: the first found (the plainest reading) is kept. */
    private static void add(Map<String, Finding> out, Finding f) {
        out.putIfAbsent(f.rule().id() + "@" + f.line(), f);
    }
}
