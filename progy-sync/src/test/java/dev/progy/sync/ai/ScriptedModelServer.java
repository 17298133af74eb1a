package dev.progy.sync.ai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A model API on loopback that answers from a script: each request takes the next scripted answer (a JSON body,
 * an error, a stream of server-sent events, a stall); once the script is used up, a default answer made from the
 * request's number. Records every request it got, headers and body, for the test to read.
 */
final class ScriptedModelServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, List<String> chunks, long delayMillis, long chunkGapMillis) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), List.of(body), 0, 0);
        }

        static Answer json(int status, String body, Map<String, String> headers) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put("Content-Type", "application/json");
            return new Answer(status, h, List.of(body), 0, 0);
        }

        static Answer events(List<String> events, long gapMillis) {
            return new Answer(200, Map.of("Content-Type", "text/event-stream"), events, 0, gapMillis);
        }

        Answer after(long millis) {
            return new Answer(status, headers, chunks, millis, chunkGapMillis);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntFunction<Answer> byDefault;

    ScriptedModelServer(IntFunction<Answer> byDefault) throws IOException {
        this.byDefault = byDefault;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-model");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    String url(String basePath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    synchronized ScriptedModelServer then(Answer answer) {
        script.add(answer);
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        int n = count.incrementAndGet();
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? byDefault.apply(n) : script.poll();
        }
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean stream = answer.headers().getOrDefault("Content-Type", "").startsWith("text/event-stream");
            exchange.sendResponseHeaders(answer.status(), stream ? 0 : bytes(answer.chunks()).length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!stream) {
                    out.write(bytes(answer.chunks()));
                    return;
                }
                for (String chunk : answer.chunks()) {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (answer.chunkGapMillis() > 0) {
                        Thread.sleep(answer.chunkGapMillis());
                    }
                }
            }
        } catch (InterruptedException | IOException e) {
            // the client went away (a timeout test): nothing to answer
            exchange.close();
        }
    }

    private static byte[] bytes(List<String> chunks) {
        return String.join("", chunks).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
