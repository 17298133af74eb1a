package dev.progy.runner.podman;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the multiplexed output of a container without a TTY (logs, exec): frames of an 8-byte header
 * {@code [stream, 0, 0, 0, size (big-endian, 4 bytes)]} and {@code size} bytes of stdout (1) or stderr (2).
 */
final class StreamFrames {

    /** Hears each frame's payload. */
    @FunctionalInterface
    interface Sink {
        /** @return false to stop reading */
        boolean accept(int stream, byte[] payload, int length) throws IOException;
    }

    private StreamFrames() { }

    /** Reads frames until the end of {@code in}, or until {@code sink} says to stop. */
    static void read(InputStream in, Sink sink) throws IOException {
        byte[] header = new byte[8];
        byte[] payload = new byte[32 * 1024];
        while (true) {
            int got = in.readNBytes(header, 0, 8);
            if (got == 0) {
                return;
            }
            if (got < 8) {
                throw new EOFException("the output stream ended inside a frame header");
            }
            long size = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8)
                    | (header[7] & 0xFF);
            while (size > 0) {
                int n = in.readNBytes(payload, 0, (int) Math.min(payload.length, size));
                if (n == 0) {
                    throw new EOFException("the output stream ended inside a frame");
                }
                size -= n;
                if (!sink.accept(header[0], payload, n)) {
                    return;
                }
            }
        }
    }
}
