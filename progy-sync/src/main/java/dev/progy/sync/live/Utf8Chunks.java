package dev.progy.sync.live;

import java.nio.charset.StandardCharsets;

/**
 * A terminal's output bytes as text, chunk by chunk: a multi-byte UTF-8 character split across two reads is kept
 * until its end arrives, so no chunk ends in half a character; bytes that are not UTF-8 become U+FFFD.
 * Not thread-safe: one reader feeds it.
 *
 * <p>It decodes with the JDK's {@code String} constructor, which copies ASCII and Latin-1 text in one vectorised pass;
 * a {@code CharsetDecoder} into a {@code CharBuffer}, then a {@code String} of it, took three passes and was the
 * largest cost of {@code progy share} for a command that prints a lot (benchmarks/README.md).
 */
public final class Utf8Chunks {
    private final byte[] pending = new byte[4];
    private int pendingLength;

    /** The text of {@code bytes[0..length)} after what was kept from the last call; the end of a split character is kept. */
    public String decode(byte[] bytes, int length) {
        return decode(bytes, 0, length);
    }

    /** The text of {@code bytes[offset..length)} after what was kept from the last call; the end of a split character is kept. */
    public String decode(byte[] bytes, int offset, int length) {
        int from = offset;
        String head = null;
        if (pendingLength > 0) {
            int need = sequenceLength(pending[0]);
            while (pendingLength < need && from < length && continuation(bytes[from])) {
                pending[pendingLength++] = bytes[from++];
            }
            if (pendingLength < need && from == length) {
                return ""; // still unfinished: its end comes with a later chunk
            }
            head = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
            pendingLength = 0;
        }
        int end = wholeEnd(bytes, from, length);
        for (int i = end; i < length; i++) {
            pending[pendingLength++] = bytes[i];
        }
        String body = end > from ? new String(bytes, from, end - from, StandardCharsets.UTF_8) : "";
        return head == null ? body : head + body;
    }

    /** What is left at the end of the stream (an unfinished character becomes U+FFFD). */
    public String finish() {
        String rest = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        return rest;
    }

    /** Where the last whole character of {@code bytes[from..length)} ends: a character begun but not finished is left. */
    private static int wholeEnd(byte[] bytes, int from, int length) {
        for (int i = length - 1; i >= Math.max(from, length - 3); i--) {
            if (!continuation(bytes[i])) {
                int need = sequenceLength(bytes[i]);
                return need > 1 && length - i < need ? i : length;
            }
        }
        return length;
    }

    /** How many bytes a character that starts with {@code lead} has; 1 for ASCII and for a byte no character starts with. */
    private static int sequenceLength(byte lead) {
        int b = lead & 0xff;
        return b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
    }

    private static boolean continuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
