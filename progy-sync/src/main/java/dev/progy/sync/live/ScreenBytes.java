package dev.progy.sync.live;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link ScreenText} kept as the terminal's bytes: what was printed since the last full-screen reset, at most a given
 * number of bytes (the oldest dropped at a line boundary), decoded only when the screen is redrawn. {@code progy share}
 * keeps one of what it sends, to redraw the viewers' screens after a flood or a reconnection: it sits on the path of
 * everything the shared terminal prints, and most of a flood is never sent, so an append only copies the bytes. The
 * last reset is looked for when a redraw asks, backwards from the end over at most the bytes it replays. Not
 * thread-safe.
 */
public final class ScreenBytes {

    /** The resets, as bytes (they are ASCII). */
    private static final byte[][] RESETS = Arrays.stream(ScreenText.RESETS)
            .map(r -> r.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final byte ESC = 0x1b;

    /** The screen redrawn, and the decoder that reads on from where its text ends (it holds a split character). */
    public record Redraw(String text, Utf8Chunks decoder) { }

    private final int cap;
    private byte[] bytes = new byte[8192];
    private int length;

    /** Keeps at most {@code cap} bytes. */
    public ScreenBytes(int cap) {
        this.cap = cap;
    }

    /** Adds {@code b[0..n)}, output as the terminal got it. */
    public void append(byte[] b, int n) {
        if (length + n > bytes.length) {
            int keep = cap + ScreenText.TAIL;
            if (length > keep) {
                // the oldest go, at most once per cap bytes appended; more than the cap stays, so a redraw still
                // starts at a line boundary and sees a reset that begins right before it
                System.arraycopy(bytes, length - keep, bytes, 0, keep);
                length = keep;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + n));
            }
        }
        System.arraycopy(b, 0, bytes, length, n);
        length += n;
    }

    /** Where the last reset within the last {@code max} bytes starts, or -1. */
    private int lastReset(int max) {
        int floor = Math.max(0, length - max);
        for (int i = length - 1; i >= floor; i--) {
            if (bytes[i] == ESC && isReset(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isReset(int at) {
        for (byte[] r : RESETS) {
            if (at + r.length <= length && Arrays.equals(bytes, at, at + r.length, r, 0, r.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where what a redraw of at most {@code max} bytes replays starts: the last reset, when it is among the last
     * {@code max} bytes; else the last {@code max} bytes, from a line boundary when one is near, never inside a
     * character.
     */
    private int start(int max) {
        int reset = lastReset(max);
        if (reset >= 0) {
            return reset;
        }
        if (length <= max) {
            return 0;
        }
        int cut = length - max;
        int line = -1;
        for (int i = cut; i < length && i - cut <= 4096; i++) {
            if (bytes[i] == '\n') {
                line = i;
                break;
            }
        }
        int start = line < 0 ? cut : line + 1;
        while (start < length && (bytes[start] & 0xc0) == 0x80) {
            start++;
        }
        return start;
    }

    /**
     * What redraws the screen in a terminal in any state: a full reset, then the output kept (at most the cap), with
     * the decoder to read what follows it (a character split at the end is finished by the next output).
     */
    public Redraw redraw() {
        return redraw(cap);
    }

    /**
     * A redraw that replays at most the last {@code max} bytes kept (from a line boundary when one is near): a frame
     * of a flood of output, which shows its last screen without its whole history.
     */
    public Redraw redraw(int max) {
        Utf8Chunks decoder = new Utf8Chunks();
        return new Redraw("\u001bc" + decoder.decode(bytes, start(Math.min(cap, max)), length), decoder);
    }

    /** Bytes a redraw replays after its reset. */
    public int length() {
        return length - start(cap);
    }
}
