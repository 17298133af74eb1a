package dev.progy.guard.scripts;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile rules (PG-D…): the file is read as instructions, a line continued with {@code \} joined to the
 * next, each instruction keeping the line it starts on. What the image runs ({@code RUN}, {@code CMD},
 * {@code ENTRYPOINT}, {@code HEALTHCHECK}, their exec form and heredocs) is read as one script by the behaviour rules
 * ({@link ScriptChecks}), so a file downloaded in one {@code RUN} and run in the next is seen.
 */
public final class DockerfileChecks {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(password|passwd|secret|token|api_?key|access_?key|private_?key|credentials?)");
    private static final Pattern PIPE_TO_SHELL = Pattern.compile(
            "(?i)\\b(curl|wget)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|z|da)?sh\\b");
    private static final Pattern APT_INSTALL = Pattern.compile("(?i)\\b(apt-get|apt|apk|yum|dnf)\\s+(-\\S+\\s+)*(install|add)\\b(.*)");

    /** One instruction: its keyword (upper case), its arguments, the line it starts on, its heredoc lines if any. */
    record Instruction(String keyword, String arguments, int line, List<ScriptLine> heredoc) {
        Instruction(String keyword, String arguments, int line) {
            this(keyword, arguments, line, List.of());
        }
    }

    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*[\"']?([A-Za-z_]\\w*)[\"']?");
    private static final Pattern RUNS = Pattern.compile("RUN|CMD|ENTRYPOINT|HEALTHCHECK|ONBUILD");
    private static final Pattern SUDOERS = Pattern.compile("/etc/sudoers(?:\\.d/\\S*)?");

    private DockerfileChecks() { }

    public static List<Finding> check(String file, String text) {
        List<Instruction> instructions = parse(text);
        List<Finding> out = new ArrayList<>();
        String lastUser = null;
        int lastFrom = 0;
        List<ScriptLine> script = new ArrayList<>();
        for (Instruction i : instructions) {
            if (RUNS.matcher(i.keyword()).matches()) {
                script.add(new ScriptLine(i.line(), commandText(i.arguments())));
                script.addAll(i.heredoc());
            }
            switch (i.keyword()) {
                case "FROM" -> {
                    lastFrom = i.line();
                    lastUser = null;
                    baseImage(file, i, out);
                }
                case "ADD" -> {
                    if (i.arguments().matches("(?is).*\\bhttps?://.*")) {
                        out.add(new Finding(GuardRules.ADD_URL, file, i.line(), "ADD fetches a URL: " + i.arguments(),
                                "download in RUN and check a pinned sha256 (curl -fsSLo f URL && echo 'SUM  f' | sha256sum -c), or COPY the file from the course"));
                    }
                }
                case "USER" -> lastUser = i.arguments().trim();
                case "ENV", "ARG" -> secrets(file, i, text.split("\r?\n", -1), out);
                case "RUN" -> run(file, i, out);
                default -> { }
            }
        }
        behaviours(file, script, out);
        out.sort(Comparator.comparingInt(Finding::line)); // in the order of the file
        if (lastFrom > 0 && (lastUser == null || isRoot(lastUser))) {
            out.add(new Finding(GuardRules.ROOT_USER, file, lastFrom, lastUser == null
                    ? "the final stage sets no USER, so the image runs as root"
                    : "the final stage's USER is " + lastUser,
                    "add a non-root user and end with USER, e.g. RUN useradd -m student + USER student"));
        }
        return out;
    }

    private static void baseImage(String file, Instruction from, List<Finding> out) {
        String[] words = from.arguments().trim().split("\\s+");
        String image = "";
        for (String w : words) {
            if (!w.startsWith("--")) {
                image = w;
                break;
            }
        }
        if (image.isEmpty() || image.equalsIgnoreCase("scratch") || image.startsWith("$") || image.contains("@sha256:")) {
            return;
        }
        if (LineBehaviours.minerImage(image)) {
            out.add(new Finding(GuardRules.CRYPTO_MINER, file, from.line(), "the base image " + image + " is a cryptocurrency miner",
                    "remove it: course code must only build and check the exercise"));
        }
        String eolImage = image;
        EndOfLifeImages.why(image).ifPresent(why -> out.add(new Finding(GuardRules.END_OF_LIFE_BASE, file, from.line(),
                "base image " + eolImage + " is past its end of life: " + why, "move to a supported release")));
        EndOfLifeImages.vulnerability(image).ifPresent(why -> out.add(new Finding(GuardRules.KNOWN_VULNERABLE_BASE, file,
                from.line(), "base image " + eolImage + " has a known vulnerability: " + why,
                "move to a current tag of the same image, which has the fix")));
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":")) {
            out.add(new Finding(GuardRules.UNPINNED_BASE, file, from.line(), "base image " + image + " has no tag: it means :latest",
                    "name a version, e.g. " + image + ":3.12-slim, or a digest"));
        } else if (lastPart.endsWith(":latest")) {
            out.add(new Finding(GuardRules.UNPINNED_BASE, file, from.line(), "base image " + image + " is on :latest",
                    "name a version instead of latest, or a digest"));
        }
    }

    private static void secrets(String file, Instruction i, String[] lines, List<Finding> out) {
        // ENV A=1 B=2, ENV A 1, ARG A=1: a name that says secret with a literal value
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=|\\s+)(\"[^\"]*\"|'[^']*'|\\S+)").matcher(i.arguments());
        while (m.find()) {
            String name = m.group(1);
            String value = m.group(2).replaceAll("^[\"']|[\"']$", "");
            if (SECRET_NAME.matcher(name).find() && !value.isEmpty() && !value.startsWith("$")) {
                out.add(new Finding(GuardRules.SECRET_IN_IMAGE, file, lineOf(lines, i.line(), name), i.keyword() + " " + name
                        + " holds a value in the image", "never ship secrets in a course: leave the value out and"
                        + " let the exercise make its own test credentials at run time"));
            }
        }
    }

    /** The line, from an instruction's first on, where a continued ENV or ARG sets {@code name}: the reader looks there. */
    private static int lineOf(String[] lines, int first, String name) {
        Pattern set = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "(?:=|\\s)");
        for (int n = first - 1; n < lines.length; n++) {
            if (set.matcher(lines[n]).find()) {
                return n + 1;
            }
            if (!lines[n].trim().endsWith("\\") && !lines[n].trim().startsWith("#")) {
                break;
            }
        }
        return first;
    }

    /**
     * The behaviour rules over everything the image runs, read as one script; a download piped into a shell gets the
     * Dockerfile's own wording, once a line.
     */
    private static void behaviours(String file, List<ScriptLine> script, List<Finding> out) {
        for (Finding f : ScriptChecks.check(file, script)) {
            String text = script.stream().filter(l -> l.line() == f.line()).map(ScriptLine::text).findFirst().orElse("");
            if (f.rule() == GuardRules.PERSISTENCE && SUDOERS.matcher(text).find()
                    && ScriptChecks.check(file, SUDOERS.matcher(text).replaceAll("")).stream().noneMatch(x -> x.rule() == f.rule())) {
                continue; // sudo rules for the image's own user: set-up of the image, not of the student's machine
            }
            if (f.rule() == GuardRules.PIPE_TO_SHELL && PIPE_TO_SHELL.matcher(text).find()) {
                out.add(new Finding(GuardRules.PIPE_TO_SHELL, file, f.line(), "RUN pipes a download into a shell",
                        "download to a file, check its pinned sha256, then run it; or install the tool from the distribution's packages"));
            } else {
                out.add(f);
            }
        }
    }

    /** The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK: the exec form's words joined, flags and CMD dropped. */
    private static String commandText(String arguments) {
        String a = arguments.replaceFirst("^(?i)(?:--\\S+\\s+)*(?:CMD\\s+|RUN\\s+)?", "").trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(a);
            while (m.find()) {
                words.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return String.join(" ", words);
        }
        return a;
    }

    private static void run(String file, Instruction i, List<Finding> out) {
        Matcher apt = APT_INSTALL.matcher(i.arguments());
        if (apt.find()) {
            // the words after install up to the end of that command: flags skipped, the first unpinned package noted
            for (String word : apt.group(4).trim().split("\\s+")) {
                if (word.equals("&&") || word.equals(";") || word.equals("||") || word.equals("|")) {
                    break;
                }
                if (word.isEmpty() || word.startsWith("-") || word.startsWith("$") || word.contains("=")) {
                    continue;
                }
                out.add(new Finding(GuardRules.UNPINNED_PACKAGES, file, i.line(), "package " + word
                        + " is installed without a version", "pin it (" + word + "=<version>) if the course depends on its behaviour"));
                break; // one note per RUN is enough
            }
        }
    }

    private static boolean isRoot(String user) {
        String u = user.toLowerCase(Locale.ROOT);
        return u.equals("root") || u.equals("0") || u.startsWith("root:") || u.startsWith("0:");
    }

    /** Instructions with their first line; comments and blank lines skipped, continuations joined. */
    static List<Instruction> parse(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.trim();
            if (current == null) {
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                current = new StringBuilder();
                start = n + 1;
            } else if (trimmed.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String whole = current.toString().trim();
                int space = whole.indexOf(' ');
                String keyword = (space < 0 ? whole : whole.substring(0, space)).toUpperCase(Locale.ROOT);
                List<ScriptLine> heredoc = new ArrayList<>();
                Matcher h = HEREDOC.matcher(whole);
                if (h.find()) {
                    // RUN <<EOF … EOF: the body's lines are the instruction's, not instructions of their own
                    while (++n < lines.length && !lines[n].trim().equals(h.group(1))) {
                        heredoc.add(new ScriptLine(n + 1, lines[n]));
                    }
                }
                out.add(new Instruction(keyword, space < 0 ? "" : whole.substring(space + 1).trim(), start, List.copyOf(heredoc)));
                current = null;
            }
        }
        return out;
    }
}
