package dev.progy.internal.setup;

import dev.progy.model.Setup;
import dev.progy.model.SetupCheckResult;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a course's environment checks ({@code setup.checks}): each command in the workspace folder, passing when it
 * exits 0 within {@link #TIMEOUT}. A plain command ({@code javac -version}, {@code python3 -c "import sys"}) is split
 * into words as a shell would, honouring quotes, and started without a shell; one that uses a shell's operators
 * (pipes, redirections, {@code &&}, variables) goes to {@code sh -c} ({@code cmd /c} on Windows), as the original
 * Progy ran them.
 */
public final class SetupChecks {

    /** How long one check may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int OUTPUT_LIMIT = 16 * 1024;
    private static final int DETAIL_LINES = 5;
    private static final boolean WINDOWS = File.separatorChar == '\\';

    private SetupChecks() { }

    /** Every check, in order. */
    public static List<SetupCheckResult> run(List<Setup.Check> checks, Path dir) {
        List<SetupCheckResult> results = new ArrayList<>();
        for (Setup.Check c : checks) {
            results.add(run(c, dir));
        }
        return results;
    }

    static SetupCheckResult run(Setup.Check check, Path dir) {
        List<String> argv = argv(check.command());
        if (argv.isEmpty()) {
            return new SetupCheckResult(check, false, "the check has no command; the course's author must set one");
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null"))).start();
        } catch (IOException e) {
            return new SetupCheckResult(check, false, argv.get(0) + ": command not found (install it, or add its folder to PATH)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(p.getInputStream(), out), "progy-setup-check");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new SetupCheckResult(check, false, "did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new SetupCheckResult(check, false, "interrupted");
        }
        if (p.exitValue() == 0) {
            return new SetupCheckResult(check, true, "");
        }
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8).strip();
        }
        String[] lines = text.isEmpty() ? new String[0] : text.split("\\R");
        String tail = String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - DETAIL_LINES), lines.length));
        return new SetupCheckResult(check, false, "exit code " + p.exitValue() + (tail.isEmpty() ? "" : ": " + tail));
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    if (out.size() < OUTPUT_LIMIT) {
                        out.write(buf, 0, Math.min(n, OUTPUT_LIMIT - out.size()));
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The command's words; through a shell when it uses a shell's operators. */
    static List<String> argv(String command) {
        String c = command == null ? "" : command.strip();
        if (c.isEmpty()) {
            return List.of();
        }
        if (c.matches(".*[|&;<>$`*?(){}].*")) {
            return WINDOWS ? List.of("cmd", "/c", c) : List.of("sh", "-c", c);
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < c.length()) {
                    word.append(c.charAt(++i));
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < c.length()) {
                word.append(c.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
