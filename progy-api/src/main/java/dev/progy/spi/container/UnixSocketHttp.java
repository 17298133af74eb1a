package dev.progy.spi.container;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a Unix domain socket, as much of it as the engines' REST APIs need (Podman's, and the Docker Engine's
 * for a cold run's calls): one connection per exchange
 * ({@code Connection: close}), a request body of known length or sent chunked, and a response body delimited by
 * {@code Content-Length}, by chunked encoding, or by the end of the connection (the raw streams of exec and
 * attach). Closing an {@link Exchange} from any thread ends it at once, which is how a stream being read is
 * stopped, and how an exchange with a deadline ends when it passes.
 */
public final class UnixSocketHttp implements AutoCloseable {

    /** Writes a request body. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** An exchange ended by its deadline. */
    public static final class DeadlinePassed extends IOException {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    private final Path socket;
    /** Closes exchanges whose deadline passed. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progy-engine-deadlines");
        t.setDaemon(true);
        return t;
    });

    /** A client of the engine listening on {@code socket}. */
    public UnixSocketHttp(Path socket) {
        this.socket = socket;
    }

    /** Stops the deadline thread; exchanges still open stay usable until closed. */
    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** The engine's socket. */
    public Path socket() {
        return socket;
    }

    /**
     * Sends a request and reads the response's head; the body is left to read from the returned exchange.
     *
     * @param target      the path and query, e.g. {@code /v4.0.0/libpod/_ping}
     * @param contentType the body's type, or null without a body
     * @param body        the body: a byte array is sent with its length, a {@link Body} chunked; null for none
     * @param deadline    how long the whole exchange may take, body included, until it is closed; null for no limit
     * @throws DeadlinePassed when the deadline passed before the head arrived
     */
    public Exchange send(String method, String target, @Nullable String contentType, @Nullable Object body,
                         @Nullable Duration deadline) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Exchange exchange = new Exchange(channel);
        if (deadline != null) {
            exchange.deadline = watchdog.schedule(exchange::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: localhost\r\nUser-Agent: progy\r\nConnection: close\r\n");
            OutputStream out = exchange.output();
            if (body instanceof byte[] bytes) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length)
                        .append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            } else if (body instanceof Body streamed) {
                head.append("Content-Type: ").append(contentType).append("\r\nTransfer-Encoding: chunked\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                try (OutputStream chunked = new HttpBodies.ChunkedOutput(out)) {
                    streamed.writeTo(chunked);
                }
            } else {
                head.append(method.equals("POST") ? "Content-Length: 0\r\n\r\n" : "\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            }
            exchange.readHead(method);
            return exchange;
        } catch (IOException | RuntimeException e) {
            exchange.close();
            if (exchange.expired) {
                throw new DeadlinePassed("no answer to " + method + " " + target + " within " + deadline.toSeconds() + " s");
            }
            throw e;
        }
    }

    /** One request and its response on its own connection. */
    public static final class Exchange implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream raw;
        private int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private InputStream body = InputStream.nullInputStream();
        private volatile @Nullable ScheduledFuture<?> deadline;
        private volatile boolean expired;

        private Exchange(SocketChannel channel) {
            this.channel = channel;
            this.raw = new HttpBodies.ChannelInput(channel);
        }

        /** The response's status code. */
        public int status() {
            return status;
        }

        /** A response header (names are case-insensitive), or null. */
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The response body, decoded from its transfer encoding. */
        public InputStream body() {
            return body;
        }

        /** The whole body as text (for error messages and small JSON answers). */
        public String bodyText(int limit) throws IOException {
            return new String(body.readNBytes(limit), StandardCharsets.UTF_8);
        }

        /** Whether the exchange was ended by its deadline. */
        public boolean expired() {
            return expired;
        }

        private void expire() {
            expired = true;
            close();
        }

        /** Ends the exchange: a read blocked on it ends with an exception. */
        @Override
        public void close() {
            ScheduledFuture<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }

        private OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            };
        }

        private void readHead(String method) throws IOException {
            String statusLine = HttpBodies.line(raw);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + statusLine, e);
            }
            for (String h = HttpBodies.line(raw); !h.isEmpty(); h = HttpBodies.line(raw)) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            String length = header("Content-Length");
            if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                body = InputStream.nullInputStream();
            } else if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
                body = new HttpBodies.ChunkedInput(raw);
            } else if (length != null) {
                body = new HttpBodies.BoundedInput(raw, Long.parseLong(length));
            } else {
                body = raw; // until the engine closes the connection: exec's and attach's raw streams
            }
        }
    }

}
