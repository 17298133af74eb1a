package dev.progy.sync.live;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link ScreenText} kept as the terminal's bytes: what was printed since the last full-screen reset, at most a given
 * number of bytes (the oldest dropped at a line boundary), decoded only when the screen is redrawn. {@code progy share}
 * keeps one of what it sends, to redraw the viewers' screens after a flood or a reconnection: it sits on the path of
 * everything the shared terminal prints, and most of a flood is never sent (past the room's limit a second), so it is
 * never decoded either. Not thread-safe.
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
            if (length > cap) {
                drop(start(length)); // past the cap: the oldest go, at most once per cap bytes appended
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + n));
            }
        }
        int from = Math.max(0, length - ScreenText.TAIL);
        System.arraycopy(b, 0, bytes, length, n);
        length += n;
        int reset = -1;
        for (int i = from; i < length; i++) {
            if (bytes[i] == ESC && isReset(i)) {
                reset = i;
            }
        }
        if (reset > 0) {
            drop(reset);
        }
    }

    private boolean isReset(int at) {
        for (byte[] r : RESETS) {
            if (at + r.length <= length && Arrays.equals(bytes, at, at + r.length, r, 0, r.length)) {
                return true;
            }
        }
        return false;
    }

    private void drop(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }

    /** Where the last {@code cap} bytes start: at a line boundary when one is near, never inside a character. */
    private int start(int end) {
        if (end <= cap) {
            return 0;
        }
        int cut = end - cap;
        int line = -1;
        for (int i = cut; i < end && i - cut <= 4096; i++) {
            if (bytes[i] == '\n') {
                line = i;
                break;
            }
        }
        int start = line < 0 ? cut : line + 1;
        while (start < end && (bytes[start] & 0xc0) == 0x80) {
            start++;
        }
        return start;
    }

    /**
     * What redraws the screen in a terminal in any state: a full reset, then the output kept (at most the cap), with
     * the decoder to read what follows it (a character split at the end is finished by the next output).
     */
    public Redraw redraw() {
        Utf8Chunks decoder = new Utf8Chunks();
        return new Redraw("\u001bc" + decoder.decode(bytes, start(length), length), decoder);
    }

    /** Bytes a redraw replays after its reset. */
    public int length() {
        return length - start(length);
    }
}
