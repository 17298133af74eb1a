package dev.progy.spi.container;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engines' HTTP client against a scripted server on a real Unix socket: each way a body can end, and deadlines. */
class UnixSocketHttpTest {
    @TempDir
    Path tmp;
    ServerSocketChannel server;
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Serves each connection with {@code answer}, after reading the request's head and body (Content-Length). */
    private Path serve(String answer, long delayMs) throws IOException {
        Path socket = tmp.resolve("engine.sock");
        ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listening.bind(UnixDomainSocketAddress.of(socket));
        server = listening;
        Thread t = new Thread(() -> {
            // this server's own channel: a test that serves again must not be answered by an earlier server's thread
            while (listening.isOpen()) {
                try (SocketChannel c = listening.accept()) {
                    StringBuilder in = new StringBuilder();
                    ByteBuffer buf = ByteBuffer.allocate(8192);
                    while (true) {
                        int head = in.indexOf("\r\n\r\n");
                        if (head >= 0) {
                            int length = 0;
                            for (String line : in.substring(0, head).split("\r\n")) {
                                if (line.toLowerCase().startsWith("content-length:")) {
                                    length = Integer.parseInt(line.substring(15).trim());
                                }
                            }
                            if (in.length() >= head + 4 + length) {
                                break;
                            }
                        }
                        buf.clear();
                        if (c.read(buf) < 0) {
                            break;
                        }
                        in.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
                    }
                    requests.add(in.toString());
                    Thread.sleep(delayMs);
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "scripted-engine");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    @Test
    @DisplayName("sends the method, path, Host and a JSON body with its length, and reads a body of known length")
    void requestAndLengthDelimitedBody() throws Exception {
        Path socket = serve("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"Id\":\"c1\"}", 0);
        try (UnixSocketHttp http = new UnixSocketHttp(socket);
             UnixSocketHttp.Exchange x = http.send("POST", "/containers/create?name=a", "application/json",
                     "{\"Image\":\"x\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))) {
            assertThat(x.status()).isEqualTo(201);
            assertThat(x.header("content-type")).isEqualTo("application/json");
            assertThat(x.bodyText(1000)).isEqualTo("{\"Id\":\"c1\"}");
        }
        String request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).startsWith("POST /containers/create?name=a HTTP/1.1\r\n")
                .contains("Host: localhost\r\n", "Content-Type: application/json\r\n", "Content-Length: 13\r\n")
                .endsWith("\r\n\r\n{\"Image\":\"x\"}");
    }

    @Test
    @DisplayName("reads a chunked body whole, and a body that ends with the connection (a log stream)")
    void chunkedAndUntilClose() throws Exception {
        Path socket = serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 0);
        try (UnixSocketHttp http = new UnixSocketHttp(socket);
             UnixSocketHttp.Exchange x = http.send("GET", "/containers/c1/logs?follow=1", null, null, null)) {
            assertThat(x.bodyText(1000)).isEqualTo("hello world");
        }
        server.close();
        Path other = tmp.resolve("engine.sock");
        java.nio.file.Files.delete(other);
        serve("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nstreamed to the end", 0);
        try (UnixSocketHttp http = new UnixSocketHttp(other);
             UnixSocketHttp.Exchange x = http.send("POST", "/containers/c1/attach?stream=1", null, null, null)) {
            assertThat(x.bodyText(1000)).isEqualTo("streamed to the end");
        }
    }

    @Test
    @DisplayName("an engine that does not answer within the deadline ends the exchange with DeadlinePassed")
    void deadline() throws Exception {
        Path socket = serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 5_000);
        try (UnixSocketHttp http = new UnixSocketHttp(socket)) {
            assertThatThrownBy(() -> http.send("GET", "/_ping", null, null, Duration.ofMillis(300)))
                    .isInstanceOf(UnixSocketHttp.DeadlinePassed.class).hasMessageContaining("GET /_ping");
        }
    }

    @Test
    @DisplayName("an answer that is not HTTP is an IOException that says so")
    void notHttp() throws Exception {
        Path socket = serve("SSH-2.0-OpenSSH\r\n\r\n", 0);
        try (UnixSocketHttp http = new UnixSocketHttp(socket)) {
            assertThatThrownBy(() -> http.send("GET", "/_ping", null, null, null))
                    .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP answer");
        }
    }
}
