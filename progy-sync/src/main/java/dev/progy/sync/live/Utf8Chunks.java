package dev.progy.sync.live;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A terminal's output bytes as text, chunk by chunk: a multi-byte UTF-8 character split across two reads is kept
 * until its end arrives, so no chunk ends in half a character; bytes that are not UTF-8 become U+FFFD.
 * Not thread-safe: one reader feeds it.
 */
public final class Utf8Chunks {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final byte[] pending = new byte[4];
    private int pendingLength;

    /** The text of {@code bytes[0..length)} after what was kept from the last call; the end of a split character is kept. */
    public String decode(byte[] bytes, int length) {
        ByteBuffer in;
        if (pendingLength > 0) {
            in = ByteBuffer.allocate(pendingLength + length);
            in.put(pending, 0, pendingLength).put(bytes, 0, length).flip();
        } else {
            in = ByteBuffer.wrap(bytes, 0, length);
        }
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pendingLength = in.remaining(); // at most 3: an unfinished character
        in.get(pending, 0, pendingLength);
        return out.flip().toString();
    }

    /** What is left at the end of the stream (an unfinished character becomes U+FFFD). */
    public String finish() {
        CharBuffer out = CharBuffer.allocate(8);
        decoder.decode(ByteBuffer.wrap(pending, 0, pendingLength), out, true);
        decoder.flush(out);
        pendingLength = 0;
        decoder.reset();
        return out.flip().toString();
    }
}
