package dev.progy.spi.support.protocol;

import dev.progy.spi.support.ByteSize;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What a run printed, kept up to a byte limit ({@value #OUTPUT_LIMIT_BYTES} bytes, 1 MiB, by default). Bytes
 * past the limit are dropped and the output is marked truncated; its text then ends with a visible marker line
 * ({@code … output truncated at 1 MiB …}) so a student never mistakes a cut log for the whole one.
 *
 * <p>Bytes are decoded as UTF-8. A character split by the cut is dropped rather than shown as garbage, and a
 * character split between two writes is decoded once both halves arrived. An optional text consumer hears the
 * decoded text as it arrives (a runner passes {@link dev.progy.spi.RunListener#output}); it hears the marker
 * too, once, when the limit is hit.
 *
 * <p>Thread-safe: writers and readers may be on different threads. A runner checks {@link #truncated()} after
 * each write and stops the program once it is true.
 */
public final class CappedOutput extends OutputStream {

    /** The output limit of a run: 1 MiB. */
    public static final int OUTPUT_LIMIT_BYTES = 1 << 20;

    private final int limit;
    private final Consumer<String> onText;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer decoded = CharBuffer.allocate(8192);
    /** Bytes handed to the decoder but not yet decoded (the start of a character split between writes). */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private byte[] bytes;
    private int size;
    private boolean truncated;
    private boolean closed;

    /** Output capped at 1 MiB, heard by nobody. */
    public CappedOutput() {
        this(OUTPUT_LIMIT_BYTES, text -> { });
    }

    /**
     * Output capped at {@code limitBytes}.
     *
     * @param limitBytes the most bytes kept, at least 1
     * @param onText     hears the decoded text as it arrives, and the marker when the limit is hit
     */
    public CappedOutput(int limitBytes, Consumer<String> onText) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("limit must be at least 1 byte, was " + limitBytes);
        }
        this.limit = limitBytes;
        this.onText = onText;
        this.bytes = new byte[Math.min(limitBytes, 8192)];
    }

    /** The marker line added where output was cut, e.g. {@code … output truncated at 1 MiB …}. */
    public static String marker(int limitBytes) {
        return "… output truncated at " + ByteSize.format(limitBytes) + " …";
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (len == 0 || closed || truncated) {
            return;
        }
        int room = limit - size;
        int kept = Math.min(room, len);
        if (kept > 0) {
            ensureCapacity(size + kept);
            System.arraycopy(b, off, bytes, size, kept);
            size += kept;
        }
        if (kept < len) {
            truncated = true;
            forward(b, off, kept, false);
            // a character split by the cut stays undecoded in pending: it is dropped, never shown as garbage
            pending = ByteBuffer.allocate(0);
            onText.accept(markerLine(textEndsWithNewline()));
        } else {
            forward(b, off, kept, false);
        }
    }

    /** Ends the output: a character left incomplete by the last write is shown as a replacement character. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!truncated) {
            forward(new byte[0], 0, 0, true);
        }
    }

    /** Whether more was written than the limit allows (and the rest was dropped). */
    public synchronized boolean truncated() {
        return truncated;
    }

    /** How many bytes were kept. */
    public synchronized int size() {
        return size;
    }

    /** The bytes kept. */
    public synchronized byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** The text kept, ending with the marker line when the output was cut. */
    public synchronized String text() {
        if (!truncated) {
            return new String(bytes, 0, size, StandardCharsets.UTF_8);
        }
        int complete = size - danglingTail(bytes, size);
        String kept = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        return kept + markerLine(kept.isEmpty() || kept.endsWith("\n"));
    }

    private String markerLine(boolean atLineStart) {
        return (atLineStart ? "" : "\n") + marker(limit) + "\n";
    }

    private boolean textEndsWithNewline() {
        return size == 0 || bytes[size - 1] == '\n';
    }

    private void forward(byte[] b, int off, int len, boolean endOfInput) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + len).put(pending).put(b, off, len).flip();
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            decoded.clear();
            var result = decoder.decode(in, decoded, endOfInput);
            decoded.flip();
            text.append(decoded);
            if (!result.isOverflow()) {
                break;
            }
        }
        if (endOfInput) {
            decoded.clear();
            decoder.flush(decoded);
            decoded.flip();
            text.append(decoded);
        }
        pending = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
        if (!text.isEmpty()) {
            onText.accept(text.toString());
        }
    }

    /** How many bytes at the end of {@code b[0, len)} start a UTF-8 character that is not complete there. */
    private static int danglingTail(byte[] b, int len) {
        // look back at most 3 bytes for the lead byte of the last character
        for (int back = 1; back <= Math.min(3, len); back++) {
            int v = b[len - back] & 0xFF;
            if ((v & 0xC0) == 0x80) {
                continue; // a continuation byte: keep looking for the lead
            }
            int needed = v < 0x80 ? 1 : (v & 0xE0) == 0xC0 ? 2 : (v & 0xF0) == 0xE0 ? 3 : (v & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? back : 0;
        }
        return 0; // malformed: shown as replacement characters like any other bad byte
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(needed, 2L * bytes.length)));
        }
    }
}
