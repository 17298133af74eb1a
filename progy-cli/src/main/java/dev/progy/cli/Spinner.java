package dev.progy.cli;

import dev.progy.model.RunResult;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;

import java.util.Locale;

/**
 * On a terminal, a run that takes longer than {@value #DELAY_MILLIS} ms shows a spinner with the time it has taken
 * so far, on stderr, redrawn in place and wiped when the run is over. Never with {@code --json} and never when
 * progy does not print to a terminal: a script's output stays clean. Lines the wrapped listener prints (an image
 * build's log) go above it.
 */
final class Spinner implements RunListener, AutoCloseable {
    static final long DELAY_MILLIS = 1000;
    private static final long FRAME_MILLIS = 100;
    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final CliContext ctx;
    private final Style style;
    private final String label;
    private final RunListener inner;
    private final long start = System.nanoTime();
    private final Thread thread;
    private boolean drawn;
    private volatile boolean done;

    private Spinner(CliContext ctx, Style style, String label, RunListener inner, boolean show) {
        this.ctx = ctx;
        this.style = style;
        this.label = label;
        this.inner = inner;
        this.thread = show ? new Thread(this::spin, "progy-spinner") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A spinner around {@code inner}; it shows only when {@code show} (a terminal, no --json). */
    static Spinner around(CliContext ctx, Style style, String label, RunListener inner, boolean show) {
        return new Spinner(ctx, style, label, inner, show);
    }

    private void spin() {
        try {
            Thread.sleep(DELAY_MILLIS);
            for (int frame = 0; !done; frame++) {
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    ctx.err.print("\r\u001b[K" + FRAMES.charAt(frame % FRAMES.length()) + " " + label + " "
                            + style.dim(String.format(Locale.ROOT, "%.1f s", seconds)));
                    ctx.err.flush();
                    drawn = true;
                }
                Thread.sleep(FRAME_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wipe() {
        if (drawn) {
            ctx.err.print("\r\u001b[K");
            ctx.err.flush();
            drawn = false;
        }
    }

    @Override
    public void started(RunRequest request) {
        inner.started(request);
    }

    @Override
    public synchronized void output(String chunk) {
        wipe();
        inner.output(chunk);
    }

    @Override
    public void finished(RunResult result) {
        inner.finished(result);
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
            wipe();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
