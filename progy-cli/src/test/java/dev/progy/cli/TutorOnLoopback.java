package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted Progy server on loopback that speaks the tutor and AI-key routes of the contract (the README's "AI tutor" paragraph): lessons
 * are queued, seen once as {@code writing}, then {@code done} with the scripted Markdown; a scripted refusal answers
 * every lesson request instead. Every request is kept for the test to read.
 */
final class TutorOnLoopback implements AutoCloseable {

    record Received(String method, String path, String body, String authorization) {
        JsonNode json() {
            return CliJson.parse(body);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The lesson's Markdown the scripted model writes. */
    volatile String lessonMarkdown = "## Returning a value\n\nA function **returns** its answer; printing is not "
            + "returning.\n\n```python\ndef double(x):\n    return x * 2\n```\n\nWhat does `double(4)` give back?";
    /** When set, every lesson request is answered with this status and body (e.g. a 429). */
    volatile int refuseWith;
    volatile String refusalBody = "";
    volatile String refusalRetryAfter;
    private volatile String keyJson;
    private final AtomicInteger looks = new AtomicInteger();
    private final HttpServer server;

    TutorOnLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Saves ada's token for this server in {@code cli}'s config folder, as {@code progy login} would. */
    void signIn(CliHarness cli) {
        dev.progy.sync.credentials.ServerTokens.in(java.nio.file.Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy"))
                .save(url(), "tok-ada", java.time.Instant.now());
    }

    List<Received> requests(String method, String pathStart) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathStart)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        received.add(new Received(method, x.getRequestURI().toString(), body, x.getRequestHeaders().getFirst("Authorization")));
        if (!"Bearer tok-ada".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            answer(x, 401, "{\"error\":\"sign in\",\"fix\":\"progy login\"}");
            return;
        }
        if (path.equals("/api/v1/tutor/lessons") && method.equals("POST")) {
            if (refuseWith != 0) {
                if (refusalRetryAfter != null) {
                    x.getResponseHeaders().add("Retry-After", refusalRetryAfter);
                }
                answer(x, refuseWith, refusalBody);
                return;
            }
            looks.set(0);
            answer(x, 202, "{\"id\":\"L42\",\"status\":\"queued\",\"poll\":\"/api/v1/tutor/lessons/L42\"}");
        } else if (path.equals("/api/v1/tutor/lessons") && method.equals("GET")) {
            answer(x, 200, "{\"lessons\":[{\"id\":\"L7\",\"status\":\"done\",\"course\":\"python-original\","
                    + "\"exercise\":\"01_basics/01_hello\",\"test\":\"greets the world\",\"createdAt\":"
                    + "\"2026-12-01T09:00:00Z\",\"lesson\":\"Read on another laptop.\",\"source\":\"model\",\"rating\":3}]}");
        } else if (path.equals("/api/v1/tutor/lessons/L42") && method.equals("GET")) {
            if (looks.getAndIncrement() == 0) {
                answer(x, 200, "{\"id\":\"L42\",\"status\":\"writing\"}");
                return;
            }
            var n = CliJson.object();
            n.put("id", "L42").put("status", "done").put("course", "python-original")
                    .put("exercise", "01_basics/01_hello").put("test", "greets the world")
                    .put("createdAt", "2026-12-06T18:00:00Z").put("lesson", lessonMarkdown).put("source", "model")
                    .putNull("rating");
            n.putObject("misconception").put("summary", "Returning an empty text instead of building the greeting")
                    .put("concept", "return values");
            answer(x, 200, CliJson.print(n));
        } else if (path.equals("/api/v1/tutor/lessons/L42/rating") && method.equals("POST")) {
            answer(x, 204, null);
        } else if (path.equals("/api/v1/ai/key")) {
            switch (method) {
                case "PUT" -> {
                    JsonNode k = CliJson.parse(body);
                    String key = k.path("key").asText();
                    keyJson = "{\"provider\":\"" + k.path("provider").asText() + "\",\"last4\":\""
                            + key.substring(key.length() - 4) + "\",\"model\":\"" + k.path("model").asText("") + "\","
                            + "\"baseUrl\":\"\",\"setAt\":\"2026-12-06T18:00:00Z\"}";
                    answer(x, 200, keyJson);
                }
                case "GET" -> answer(x, keyJson == null ? 404 : 200, keyJson == null ? "{\"error\":\"no key\"}" : keyJson);
                case "DELETE" -> {
                    keyJson = null;
                    answer(x, 204, null);
                }
                default -> answer(x, 405, "{}");
            }
        } else if (path.equals("/api/v1/ai/usage")) {
            answer(x, 200, "{\"plan\":\"free\",\"day\":\"2026-12-06\",\"resetsAt\":\"2026-12-07T00:00:00Z\","
                    + "\"lessons\":{\"used\":2,\"limit\":5},\"tokens\":{\"used\":3100,\"limit\":null},\"ownKey\":false}");
        } else {
            answer(x, 404, "{\"error\":\"not found\"}");
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        if (body == null) {
            x.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
