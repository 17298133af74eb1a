package dev.progy.spi.container;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** The framing of HTTP/1.1 message bodies that {@link UnixSocketHttp} reads and writes. */
final class HttpBodies {

    private HttpBodies() { }

    /** A line ending in CRLF (or LF), without it; the head is ASCII. */
    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the connection ended in the middle of a line: " + s);
            }
            if (s.length() > 64 * 1024) {
                throw new IOException("an HTTP line longer than 64 KiB");
            }
            s.append((char) c);
        }
        int end = s.length();
        return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
    }

    /** Reads a channel through a small buffer, without the channel streams' lock shared with writers. */
    static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer.get() & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            buffer.clear();
            int n;
            do {
                n = channel.read(buffer);
            } while (n == 0);
            buffer.flip();
            return n > 0;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A body of a known number of bytes. */
    static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A body in chunked transfer encoding; trailers are read and dropped. */
    static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                try {
                    left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("not a chunk size: " + size, e);
                }
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: none that matter here
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes chunked transfer encoding; closing writes the last chunk but leaves the connection open. */
    static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[32 * 1024];
        private int size;
        private boolean closed;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                flushChunk();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (size > 0) {
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(buffer, 0, size);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                size = 0;
            }
        }

        /** Writes the last chunk, once: a body writer may close its stream itself. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flushChunk();
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
