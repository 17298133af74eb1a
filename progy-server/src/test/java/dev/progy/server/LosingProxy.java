package dev.progy.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that loses the answers of the first {@code lose} connections: their requests reach the
 * server, which commits and answers, but the answer is swallowed, so the client times out — a response lost on
 * the network. Later connections pass both ways.
 */
final class LosingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final int lose;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answersLost = new AtomicInteger();

    LosingProxy(int targetPort, int lose) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.lose = lose;
        Thread accept = new Thread(this::accept, "losing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int answersLost() {
        return answersLost.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                boolean losing = connections.incrementAndGet() <= lose;
                pipe(client, server, false);
                pipe(server, client, losing);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean swallow) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            boolean counted = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (swallow) {
                        if (!counted) {
                            answersLost.incrementAndGet();
                            counted = true;
                        }
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "losing-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
