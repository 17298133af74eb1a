package dev.progy.guard.markdown;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback for the external-link tests, which remembers every request it saw
 * ({@code HEAD /ok}; as a proxy, {@code HEAD http://host/ok}). Paths: {@code /ok}; {@code /status/NNN} answers
 * NNN; {@code /no-head} refuses HEAD (405) and serves GET; {@code /moved} and {@code /moved-away} redirect (301)
 * to {@code /ok} and {@code /status/404}; {@code /hang} answers only when the server closes.
 */
final class LinkServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> userAgents = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LinkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of {@code path} on this server, by address. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request seen, as {@code METHOD target}, in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests for {@code target} ({@code /ok}, or a proxied {@code http://host/ok}). */
    List<String> requests(String target) {
        return requests.stream().filter(r -> r.endsWith(" " + target)).toList();
    }

    List<String> userAgents() {
        return List.copyOf(userAgents);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + exchange.getRequestURI());
        userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
        try (exchange) {
            switch (path) {
                case "/ok" -> send(exchange, 200);
                case "/no-head" -> send(exchange, method.equals("HEAD") ? 405 : 200);
                case "/moved" -> redirect(exchange, "/ok");
                case "/moved-away" -> redirect(exchange, "/status/404");
                case "/hang" -> {
                    awaitClosing();
                    send(exchange, 200);
                }
                default -> send(exchange, path.matches("/status/\\d{3}") ? Integer.parseInt(path.substring(8)) : 404);
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(301, -1);
    }

    private static void send(HttpExchange exchange, int status) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] page = ("<h1>" + status + "</h1>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        } catch (IOException e) {
            // the link check closes a GET's body unread: the page was not wanted
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
