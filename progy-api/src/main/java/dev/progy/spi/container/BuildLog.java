package dev.progy.spi.container;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An image build's log as it streams from the engine: each whole line to the listener, starting with
 * {@value #PREFIX}, and the last {@value #LOG_TAIL} lines kept for the message when the build fails.
 */
public final class BuildLog {

    /** How many of the last build log lines a failed build reports. */
    public static final int LOG_TAIL = 40;
    /** What every build log line heard by the listener starts with. */
    public static final String PREFIX = "[build] ";

    private final Consumer<String> onText;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String error;

    BuildLog(Consumer<String> onText) {
        this.onText = onText;
    }

    /** A piece of the log as the engine sent it; lines may be split across pieces. */
    public synchronized void text(String chunk) {
        partial.append(chunk);
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, end).stripTrailing();
            partial.delete(0, end + 1);
            if (line.isEmpty()) {
                continue;
            }
            tail.addLast(line);
            if (tail.size() > LOG_TAIL) {
                tail.removeFirst();
            }
            onText.accept(PREFIX + line + "\n");
        }
    }

    /** The engine reported that the build failed, with {@code message} (null or blank: it gave no reason). */
    public synchronized void failed(String message) {
        end();
        error = message == null || message.isBlank() ? "the engine gave no reason" : message.strip();
        text(error + "\n");
    }

    /** Shows what is left of a last line without its end. */
    synchronized void end() {
        if (!partial.isEmpty()) {
            text("\n");
        }
    }

    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    String error() {
        return error;
    }
}
