package dev.progy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal progy runs in, through {@code stty} on its standard input: raw mode (keys one by one, no echo, no
 * signals from Ctrl-C: the shared shell gets them) and back to exactly the settings it had, and the window's size.
 * Raw mode is undone on every way out: {@link #restore} in a finally, and a shutdown hook for a signal.
 */
final class TerminalMode {
    /** A window size. */
    record Size(int cols, int rows) { }

    private final String saved;
    private Thread hook;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Puts the terminal in raw mode; {@link #restore} undoes it. */
    static TerminalMode raw() throws IOException, InterruptedException {
        String saved = stty("-g").strip();
        if (saved.isEmpty()) {
            throw new IOException("stty -g printed nothing");
        }
        TerminalMode mode = new TerminalMode(saved);
        mode.hook = new Thread(mode::restoreQuietly, "progy-terminal-restore");
        Runtime.getRuntime().addShutdownHook(mode.hook);
        stty("raw", "-echo");
        return mode;
    }

    /** Back to the settings the terminal had before {@link #raw}. */
    void restore() {
        restoreQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook runs
        }
    }

    /** Back to cooked mode for a moment (a line typed at a prompt), until {@link #rawAgain}. */
    void cooked() {
        restoreQuietly();
    }

    /** Raw mode again after {@link #cooked}. */
    void rawAgain() {
        try {
            stty("raw", "-echo");
        } catch (IOException | InterruptedException e) {
            // the terminal is gone
        }
    }

    private synchronized void restoreQuietly() {
        try {
            stty(saved);
        } catch (IOException | InterruptedException e) {
            // the terminal is gone: nothing to restore
        }
    }

    /** The terminal's size, or 80×24 when it cannot be told. */
    static Size size() {
        try {
            String[] parts = stty("size").strip().split("\\s+");
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0]);
                int cols = Integer.parseInt(parts[1]);
                if (rows > 0 && cols > 0) {
                    return new Size(cols, rows);
                }
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            // not a terminal
        }
        return new Size(80, 24);
    }

    private static String stty(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("stty did not answer");
        }
        if (p.exitValue() != 0) {
            throw new IOException("stty failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
