package dev.progy.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The behaviour rules (PG-B…) over the text of runner scripts, build files and exercise code (shell, Python,
 * JavaScript, Dockerfile {@code RUN} lines): each line is matched as written and, one level down, as decoded from
 * an obvious base64 or hex blob on it, so {@code echo <base64> | base64 -d | sh} is judged by what it runs.
 */
final class ScriptChecks {

    /** One behaviour: its rule, the pattern that shows it, and what to say. */
    private record Behaviour(GuardRule rule, Pattern pattern, String message) { }

    private static final List<Behaviour> BEHAVIOURS = List.of(
            new Behaviour(GuardRules.PIPE_TO_SHELL, Pattern.compile(
                    "(?i)\\b(curl|wget)\\b[^|;&\\n]*\\|\\s*(sudo\\s+)?(ba|z|da)?sh\\b|\\b(ba)?sh\\s+<\\(\\s*(curl|wget)\\b"
                            + "|\\b(urlopen|requests\\.get|fetch)\\b.*\\b(exec|eval)\\s*\\("),
                    "downloads code and runs it"),
            new Behaviour(GuardRules.DESTRUCTIVE_DELETE, Pattern.compile(
                    "\\brm\\s+(-[a-zA-Z]*[rR][a-zA-Z]*\\s+(-[a-zA-Z]+\\s+)*|--recursive\\s+)(--no-preserve-root\\s+)?"
                            + "(/|/\\*|~/?|\\$HOME/?|\\.\\./?|\"?\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?/?\"?)(\\s|;|$|\\*)"
                            + "|shutil\\.rmtree\\(\\s*['\"](/|~|\\.\\.)['\"]"),
                    "deletes recursively at /, ~, .. or under a variable that may be empty"),
            new Behaviour(GuardRules.SECRET_READ, Pattern.compile(
                    "(~|\\$HOME|/home/[^/\\s]+|/root)/\\.(ssh|aws|gnupg|kube|docker/config\\.json|netrc|git-credentials)"
                            + "|/etc/shadow\\b|\\.mozilla/firefox|\\.config/(google-chrome|chromium)|Library/Application Support/Google/Chrome"),
                    "reads the student's keys, credentials or browser profile"),
            new Behaviour(GuardRules.ENV_EXFILTRATION, Pattern.compile(
                    "(?i)\\b(env|printenv|set)\\b\\s*\\|\\s*(curl|wget|nc|ncat)\\b|\\b(curl|wget)\\b.*(\\$\\(\\s*(env|printenv)\\s*\\)|`(env|printenv)`)"
                            + "|os\\.environ.*\\b(urlopen|requests\\.(post|get)|http\\.client)|process\\.env.*\\b(fetch|https?\\.request)\\b"),
                    "sends the environment over the network"),
            new Behaviour(GuardRules.REVERSE_SHELL, Pattern.compile(
                    "/dev/(tcp|udp)/|\\b(nc|ncat|netcat)\\b[^\\n]*\\s-[a-zA-Z]*[ec]\\b|\\bsocat\\b[^\\n]*\\bexec:"
                            + "|socket\\.socket\\(.*\\).*(subprocess|os\\.dup2|pty\\.spawn)|os\\.dup2\\(\\s*s\\.fileno|pty\\.spawn\\("
                            + "|child_process.*\\bnet\\.(connect|Socket)|net\\.Socket\\(\\).*child_process"),
                    "opens a reverse shell"),
            new Behaviour(GuardRules.DECODE_AND_RUN, Pattern.compile(
                    "(?i)\\b(base64\\s+(-d|--decode)|xxd\\s+-r|openssl\\s+(enc\\s+)?-d|gunzip|zcat)\\b[^\\n]*\\|\\s*(ba|z|da)?sh\\b"
                            + "|\\b(exec|eval)\\s*\\(\\s*(base64\\.b64decode|zlib\\.decompress|bytes\\.fromhex|codecs\\.decode|atob|Buffer\\.from)"
                            + "|\\beval\\s*\\(\\s*(atob|unescape)\\s*\\("),
                    "decodes a hidden payload and runs it"),
            new Behaviour(GuardRules.CRYPTO_MINER, Pattern.compile(
                    "(?i)\\b(xmrig|xmr-stak|cpuminer|minerd|ethminer|nbminer|t-rex|lolminer)\\b|stratum\\+(tcp|ssl)://|\\bcoinhive\\b|--donate-level"),
                    "runs a cryptocurrency miner"),
            new Behaviour(GuardRules.PERSISTENCE, Pattern.compile(
                    ">>?\\s*(~|\\$HOME|/home/[^/\\s]+|/root)/\\.(bashrc|bash_profile|profile|zshrc|zprofile|config/fish/config\\.fish)"
                            + "|\\|\\s*crontab\\b|\\bcrontab\\s+(-[^l\\s]*\\s+)*[^-\\s]|>>?\\s*/etc/(cron|profile|bash\\.bashrc|rc\\.local|systemd)"
                            + "|\\bsystemctl\\s+(--user\\s+)?enable\\b|/etc/sudoers"),
                    "changes the student's shell start-up, cron or services so it runs again later"),
            new Behaviour(GuardRules.SETUID, Pattern.compile(
                    "\\bchmod\\s+([ugoa]*\\+[rwx]*s|[0-7]?[2-7][0-7]{3})\\b|os\\.chmod\\([^)]*0o?[2-7][0-7]{3}"),
                    "sets the setuid or setgid bit"));

    private static final Pattern BASE64_BLOB = Pattern.compile("[A-Za-z0-9+/]{24,}={0,2}");
    private static final Pattern HEX_BLOB = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2}){12,}|\\b[0-9a-fA-F]{32,}\\b");

    private ScriptChecks() { }

    /** The behaviour findings of {@code text}, the content of {@code file} (relative to the course root). */
    static List<Finding> check(String file, String text) {
        List<Finding> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.length() > 20_000) {
                line = line.substring(0, 20_000); // a minified or generated line: its start is enough
            }
            List<GuardRule> seen = new ArrayList<>();
            match(file, n + 1, line, "", out, seen);
            for (String decoded : decodedBlobs(line)) {
                match(file, n + 1, decoded, " (hidden in an encoded string)", out, seen);
            }
        }
        return out;
    }

    private static void match(String file, int line, String text, String how, List<Finding> out, List<GuardRule> seen) {
        for (Behaviour b : BEHAVIOURS) {
            if (!seen.contains(b.rule()) && b.pattern().matcher(text).find()) {
                seen.add(b.rule());
                out.add(new Finding(b.rule(), file, line, "this line " + b.message() + how,
                        "remove it: course code must only build and check the exercise"));
            }
        }
    }

    /** Text decoded from the base64 and hex blobs on a line, when it decodes to readable text. */
    static List<String> decodedBlobs(String line) {
        List<String> out = new ArrayList<>();
        Matcher b = BASE64_BLOB.matcher(line);
        while (b.find()) {
            try {
                readable(new String(Base64.getDecoder().decode(padded(b.group())), StandardCharsets.UTF_8), out);
            } catch (IllegalArgumentException notBase64) {
                // a long word that is not base64
            }
        }
        Matcher h = HEX_BLOB.matcher(line);
        while (h.find()) {
            String hex = h.group().replace("\\x", "");
            if (hex.length() % 2 == 0) {
                readable(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8), out);
            }
        }
        return out;
    }

    private static String padded(String s) {
        String core = s.replaceAll("=+$", "");
        return core + "=".repeat((4 - core.length() % 4) % 4);
    }

    private static void readable(String text, List<String> out) {
        long printable = text.chars().filter(c -> c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)).count();
        if (!text.isEmpty() && printable >= text.length() * 0.9) {
            out.add(text);
        }
    }
}
