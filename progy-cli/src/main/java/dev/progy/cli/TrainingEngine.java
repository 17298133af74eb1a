package dev.progy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in container engine for the class-data-sharing training only, on a Unix socket. It answers what a one-shot
 * run asks of the Docker Engine API and of Podman's libpod API the way those engines answer it (ping, image check,
 * create, attach or logs, start, wait, inspect, events, remove; JSON bodies chunked where the engines chunk them) for
 * a container that prints one line and exits 0, and every other request with an empty JSON object. A run against it
 * goes all the way through the adapters' code, so their classes land in the archive although no engine runs where
 * progy is built. Never used outside {@link CdsTraining}.
 */
final class TrainingEngine implements AutoCloseable {
    private static final String ID = "c0ffee".repeat(10) + "abcd";
    private static final Pattern LIBPOD = Pattern.compile("/v\\d+(\\.\\d+)*/libpod(/.*)");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    /** One frame of a multiplexed output stream: stdout, four bytes of length, then the text. */
    private static final byte[] FRAME = frame("training\n");

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
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            // each exchange on a thread of its own: an attach or a log stream is open while other calls come
            Thread t = new Thread(() -> exchange(client), "progy-cds-training-exchange");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void exchange(SocketChannel client) {
        try (client) {
            String request = readRequest(client);
            int space = request.indexOf(' ');
            int end = request.indexOf(' ', space + 1);
            if (space < 0 || end < 0) {
                return;
            }
            String method = request.substring(0, space).toUpperCase(Locale.ROOT);
            String target = request.substring(space + 1, end);
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            Matcher libpod = LIBPOD.matcher(path);
            byte[] answer = libpod.matches() ? libpod(method, libpod.group(2)) : docker(method, path);
            client.write(ByteBuffer.wrap(answer));
        } catch (IOException | RuntimeException e) {
            // the client went away: the training goes on
        }
    }

    private static byte[] docker(String method, String path) {
        if (path.equals("/_ping")) {
            return text(200, "OK", "Libpod-Api-Version: 4.3.1\r\nServer: Libpod/4.3.1 (linux)\r\n");
        }
        if (method.equals("GET") && path.startsWith("/images/") && path.endsWith("/json")) {
            return chunked(200, "{\"Id\":\"sha256:" + ID + "\",\"RepoTags\":[]}");
        }
        if (method.equals("POST") && path.equals("/containers/create")) {
            return json(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
        }
        if (path.startsWith("/containers/")) {
            if (method.equals("POST") && path.endsWith("/start")) {
                return empty(204);
            }
            if (method.equals("POST") && path.endsWith("/attach")) {
                return stream("Content-Type: application/vnd.docker.raw-stream\r\n", FRAME);
            }
            if (path.endsWith("/logs")) {
                return stream("Transfer-Encoding: chunked\r\n", chunk(FRAME));
            }
            if (method.equals("POST") && path.endsWith("/wait")) {
                return chunked(200, "{\"Error\":null,\"StatusCode\":0}\n");
            }
            if (method.equals("GET") && path.endsWith("/json")) {
                return chunked(200, inspect());
            }
            if (method.equals("DELETE")) {
                return empty(204);
            }
        }
        if (path.equals("/events")) {
            return stream("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", new byte[0]);
        }
        return json(200, "{}");
    }

    private static byte[] libpod(String method, String path) {
        if (path.equals("/info")) {
            return chunked(200, "{\"host\":{\"cgroupManager\":\"cgroupfs\",\"cgroupVersion\":\"v2\",\"ociRuntime\":"
                    + "{\"name\":\"crun\"},\"security\":{\"rootless\":false}},\"version\":{\"APIVersion\":\"4.3.1\","
                    + "\"Version\":\"4.3.1\"}}");
        }
        if (path.startsWith("/images/") && path.endsWith("/exists")) {
            return empty(204);
        }
        if (method.equals("POST") && path.equals("/containers/create")) {
            return json(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
        }
        if (path.startsWith("/containers/")) {
            if (path.endsWith("/attach")) {
                return stream("Content-Type: application/vnd.docker.raw-stream\r\n", FRAME);
            }
            if (method.equals("POST") && path.endsWith("/start")) {
                return empty(204);
            }
            if (method.equals("POST") && path.endsWith("/wait")) {
                return text(200, "0", "");
            }
            if (method.equals("GET") && path.endsWith("/json")) {
                return chunked(200, inspect());
            }
            if (method.equals("DELETE")) {
                return json(200, "[{\"Id\":\"" + ID + "\",\"RawInput\":\"" + ID + "\"}]");
            }
        }
        return json(200, "{}");
    }

    /** A container that ran and exited 0, as both engines describe it. */
    private static String inspect() {
        return "{\"Id\":\"" + ID + "\",\"Created\":\"2026-01-01T00:00:00.000000001Z\",\"State\":{\"Status\":\"exited\","
                + "\"Running\":false,\"Paused\":false,\"OOMKilled\":false,\"Dead\":false,\"Pid\":0,\"ExitCode\":0,"
                + "\"Error\":\"\",\"StartedAt\":\"2026-01-01T00:00:00.1Z\",\"FinishedAt\":\"2026-01-01T00:00:00.2Z\"}}";
    }

    private static String readRequest(SocketChannel client) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        int headEnd = -1;
        long body = 0;
        while (true) {
            in.clear();
            int n = client.read(in);
            if (n < 0) {
                break;
            }
            seen.write(in.array(), 0, n);
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
                body = length.find() ? Long.parseLong(length.group(1)) : 0;
            }
            if (headEnd >= 0 && seen.size() >= headEnd + 4 + body) {
                break;
            }
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] head(int status, String headers) {
        String reason = switch (status) {
            case 201 -> "Created";
            case 204 -> "No Content";
            default -> "OK";
        };
        return ("HTTP/1.1 " + status + " " + reason + "\r\nApi-Version: 1.41\r\n" + headers + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] json(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return join(head(status, "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n"), b);
    }

    private static byte[] text(int status, String body, String headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return join(head(status, headers + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + b.length
                + "\r\n"), b);
    }

    private static byte[] chunked(int status, String body) {
        return join(head(status, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"),
                chunk(body.getBytes(StandardCharsets.UTF_8)), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] empty(int status) {
        return head(status, "");
    }

    /** A stream's answer: its head, then {@code data} (already in the stream's framing); the close ends it. */
    private static byte[] stream(String headers, byte[] data) {
        boolean chunked = headers.contains("chunked");
        return join(head(200, headers), data, chunked ? "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
    }

    private static byte[] chunk(byte[] data) {
        return join((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), data,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] frame(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + t.length];
        f[0] = 1;
        f[4] = (byte) (t.length >>> 24);
        f[5] = (byte) (t.length >>> 16);
        f[6] = (byte) (t.length >>> 8);
        f[7] = (byte) t.length;
        System.arraycopy(t, 0, f, 8, t.length);
        return f;
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
