package dev.progy.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in container engine for the class-data-sharing training only: a Unix socket that answers every HTTP
 * request with an empty JSON object. Runs against it fail early, but only after the engine clients have opened a
 * connection, sent requests and read answers, so their classes land in the archive although no engine runs
 * where progy is built. Never used outside {@link CdsTraining}.
 */
final class TrainingEngine implements AutoCloseable {
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Api-Version: 1.41\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread loop;

    TrainingEngine(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        loop = new Thread(this::serve, "progy-cds-training-engine");
        loop.setDaemon(true);
        loop.start();
    }

    /** The address clients are given, e.g. {@code unix:///tmp/…/engine.sock}. */
    String uri() {
        return "unix://" + socket.toAbsolutePath();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(64 * 1024);
                client.read(in); // the request line and headers: their content does not matter
                client.write(ByteBuffer.wrap(ANSWER));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
