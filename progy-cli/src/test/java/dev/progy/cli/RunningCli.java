package dev.progy.cli;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A {@code progy} command running in-process on a thread of its own (see {@link CliHarness#start}): a test types
 * lines into its stdin and waits, with a deadline, for what it prints. Closing it ends its stdin and, if it is
 * still running, types {@code q} and waits for it, so no command outlives its test.
 */
final class RunningCli implements AutoCloseable {
    /** How long any awaited output or exit may take before the test fails (generous: the machine is shared). */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final PipedWriter keys = new PipedWriter();
    // StringWriter is backed by a synchronized StringBuffer and PrintWriter keeps no buffer of its own over a
    // Writer, so reading it while the command prints is safe and sees every line printed so far
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final String command;
    private final Thread thread;

    RunningCli(CliHarness cli, String... args) {
        this.command = "progy " + String.join(" ", args);
        PipedReader stdin;
        try {
            stdin = new PipedReader(keys, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            try {
                exit.complete(cli.runOn(stdin, new PrintWriter(out, true), new PrintWriter(err, true), args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "progy-under-test");
        t.setDaemon(true);
        this.thread = t;
        t.start();
    }

    /** Interrupts the command's thread, as Ctrl-C would stop it. */
    void interrupt() {
        thread.interrupt();
    }

    /** Types a line, then Enter. */
    void type(String line) {
        try {
            keys.write(line + "\n");
            keys.flush(); // wakes the reader at once
        } catch (IOException e) {
            throw new UncheckedIOException("could not type into " + command + " (has it stopped reading?)", e);
        }
    }

    /** What the command printed on stdout so far. */
    String out() {
        return out.toString();
    }

    /** Waits until stdout contains {@code text}; returns stdout. */
    String awaitOutput(String text) {
        return awaitOutput("\"" + text + "\"", s -> s.contains(text));
    }

    /** Waits until stdout contains {@code text} at least {@code times} times; returns stdout. */
    String awaitOutput(String text, int times) {
        return awaitOutput(times + " × \"" + text + "\"", s -> count(s, text) >= times);
    }

    private String awaitOutput(String what, Predicate<String> seen) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String now = out();
            if (seen.test(now)) {
                return now;
            }
            if (exit.isDone()) {
                throw new AssertionError(command + " ended (" + describeExit() + ") without printing " + what
                        + "\n" + this);
            }
            pause(20);
        }
        throw new AssertionError(command + " did not print " + what + " within " + PATIENCE.toSeconds() + " s\n" + this);
    }

    /** Watches stdout for {@code quietFor} and fails if {@code text} shows up more than {@code times} times. */
    void assertPrintsNoMoreThan(String text, int times, Duration quietFor) {
        long deadline = System.nanoTime() + quietFor.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(out(), text) > times) {
                throw new AssertionError("expected at most " + times + " × \"" + text + "\" but got more:\n" + this);
            }
            pause(50);
        }
    }

    /** Waits for the command to end; returns its exit code. */
    int awaitExit() {
        try {
            return exit.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(command + " did not end within " + PATIENCE.toSeconds() + " s\n" + this);
        } catch (ExecutionException e) {
            throw new AssertionError(command + " threw instead of returning an exit code\n" + this, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private String describeExit() {
        return exit.isCompletedExceptionally() ? "threw" : "exit " + exit.getNow(-1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!exit.isDone()) {
            try {
                type("q");
            } catch (UncheckedIOException ignored) {
                // it no longer reads its stdin
            }
        }
        try {
            keys.close(); // end of input: the command's key reader stops
        } catch (IOException ignored) {
            // already closed
        }
        try {
            exit.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // reported by the test's own assertions, if it cared
        }
    }

    @Override
    public String toString() {
        return "--- " + command + " (" + (exit.isDone() ? describeExit() : "running") + ")\n--- stdout\n" + out()
                + "--- stderr\n" + err;
    }
}
