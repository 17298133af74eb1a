package dev.progy.cli;

import java.util.function.Consumer;

/**
 * Follows the size of this terminal's window, for as long as a shared or watched screen is on it: on SIGWINCH where
 * there is one (nothing is checked in between), else a check twice a second.
 */
final class WindowChanges {
    private final Consumer<TerminalMode.Size> changed;
    private volatile boolean stopped;
    private Thread poller;

    /** {@code changed} gets the window's new size each time it changes. */
    WindowChanges(Consumer<TerminalMode.Size> changed) {
        this.changed = changed;
    }

    void start() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> {
                if (!stopped) {
                    changed.accept(TerminalMode.size());
                }
            });
            return;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no SIGWINCH here (Windows): check twice a second
        }
        poller = new Thread(() -> {
            TerminalMode.Size last = TerminalMode.size();
            while (!stopped) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                TerminalMode.Size now = TerminalMode.size();
                if (!stopped && !now.equals(last)) {
                    last = now;
                    changed.accept(now);
                }
            }
        }, "progy-window-size");
        poller.setDaemon(true);
        poller.start();
    }

    void stop() {
        stopped = true;
        if (poller != null) {
            poller.interrupt();
        }
    }
}
