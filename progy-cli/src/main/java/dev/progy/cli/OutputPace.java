package dev.progy.cli;

import java.util.function.LongSupplier;

/**
 * How much of a shared terminal's output streams to the room, read by read, and when the room gets the screen
 * redrawn instead. The server streams at most the room's limit a second (live-max-bytes) and drops the rest, and
 * nobody reads a flood as it scrolls past: so output streams as it comes while it is calm, and a flood (more than a
 * burst within {@value #BURST_MILLIS} ms, or past half the limit within a second) is held back. While it lasts the
 * room gets a small redraw about a screen long every {@value #FRAME_MILLIS} ms (the screen as the student sees it,
 * as a terminal multiplexer or mosh shows a flood: frames, not every byte); when it stops ({@value #QUIET_MILLIS} ms
 * without output) a full redraw, and output streams again. Half the limit: any second of the server's overlaps at
 * most two of these, so it never gets more than its limit and drops nothing itself. Holding back also keeps the
 * work of sending (decoding, framing, the socket) off a flood's path: the student's terminal is not slowed. Not
 * thread-safe; times are {@link System#nanoTime()}.
 */
final class OutputPace {
    static final long BURST_MILLIS = 100;
    static final long FRAME_MILLIS = 250;
    static final long QUIET_MILLIS = 100;
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    /** At most this much streams within {@link #BURST_MILLIS}: a source file shown with cat is not a flood. */
    static final int MAX_BURST = 32 * 1024;

    private final long budget;
    private final int burst;
    private long windowStart;
    private long windowBytes;
    private long burstStart;
    private long burstBytes;
    private boolean holding;
    private long lastRead;
    private long lastFrame;

    /** Streams at most {@code bytesPerSecond} a second (half the room's limit); 0: the room has none, all streams. */
    OutputPace(long bytesPerSecond, long now) {
        this.budget = bytesPerSecond;
        this.burst = (int) Math.min(MAX_BURST, Math.max(1, bytesPerSecond / 4));
        this.windowStart = now;
        this.burstStart = now;
    }

    /** Whether {@code bytes} more of output stream now; if not, they are held back for a redraw. */
    boolean stream(int bytes, long now) {
        if (budget <= 0) {
            return true;
        }
        roll(now);
        lastRead = now;
        if (holding) {
            return false;
        }
        if (now - burstStart >= BURST_MILLIS * MILLI) {
            burstStart = now;
            burstBytes = 0;
        }
        if (burstBytes + bytes > burst || windowBytes + bytes > budget) {
            holding = true;
            lastFrame = now;
            return false;
        }
        burstBytes += bytes;
        windowBytes += bytes;
        return true;
    }

    /** Whether output is held back now (a redraw is owed to the room). */
    boolean holding() {
        return holding;
    }

    /**
     * The redraw owed to the room now, as the most bytes of kept output it may replay: a frame of at most
     * {@code frame} bytes while a flood goes on, all that is kept once it stopped; 0 when none is due now (or the
     * second's budget has no room for it yet). {@code kept}: the bytes a full redraw replays, asked only for one (it
     * looks for the last reset); a frame counts as its whole size. What it returns is counted as sent.
     */
    int redrawDue(LongSupplier kept, int frame, long now) {
        if (!holding) {
            return 0;
        }
        roll(now);
        boolean quiet = now - lastRead >= QUIET_MILLIS * MILLI;
        if (!quiet && now - lastFrame < FRAME_MILLIS * MILLI) {
            return 0;
        }
        long size = quiet ? kept.getAsLong() : frame;
        if (windowBytes + size > budget) {
            return 0;
        }
        windowBytes += size;
        if (quiet) {
            holding = false;
            burstStart = now;
            burstBytes = 0;
        } else {
            lastFrame = now;
        }
        return (int) Math.max(1, size);
    }

    private void roll(long now) {
        if (now - windowStart >= SECOND) {
            windowStart = now;
            windowBytes = 0;
        }
    }
}
