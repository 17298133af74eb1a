package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The tutor's routes called as the CLI calls them: JSON over HTTP on loopback with a bearer token. */
final class TutorCalls {

    record Answer(int status, String body, Optional<String> retryAfter) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    TutorCalls(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A new account named {@code name} with a token of scope {@code ai}, on {@code server}. */
    static TutorCalls account(ProgyServer server, String name) {
        server.accounts().create(name);
        return new TutorCalls(TestServers.url(server), server.accounts().createToken(name, Set.of("ai", "sync"),
                Optional.empty(), "tutor test"));
    }

    TutorCalls on(ProgyServer other) {
        return new TutorCalls(TestServers.url(other), token);
    }

    long account(ProgyServer server) {
        return server.accounts().bearer(token).orElseThrow().account();
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    /** Polls a lesson until it is done or failed (30 s at most). */
    JsonNode finished(String id) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            JsonNode l = get("/api/v1/tutor/lessons/" + id).json();
            if (l.path("status").asText().equals("done") || l.path("status").asText().equals("failed")) {
                return l;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("lesson " + id + " did not finish: " + get("/api/v1/tutor/lessons/" + id).body());
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After"));
    }

    /** A lesson request as the CLI sends it, for exercise {@code exercise}, made unique by {@code n}. */
    static String lessonRequest(String exercise, int n) {
        return """
                {"course": "@school/python-basics", "version": "1.0.0", "exercise": "%s",
                 "test": "test_fizzbuzz_15", "failures": 3,
                 "diagnostics": [{"file": "main.py", "line": 3, "message": "AssertionError: 'Fizz' != 'FizzBuzz'"}],
                 "output": "FAILED test_fizzbuzz_15 (attempt %d)",
                 "files": [{"path": "main.py", "content": "def fizzbuzz(n):\\n    if n %% 3 == 0:\\n        return 'Fizz'\\n    if n %% 5 == 0:\\n        return 'Buzz'\\n    return str(n)\\n"}],
                 "attempts": [{"at": "2026-12-06T10:00:00Z", "diff": "-    return n\\n+    return str(n)"}],
                 "readme": "# FizzBuzz\\n\\n## Checking several conditions\\nOrder matters.",
                 "hints": ["Which case must be checked first: multiples of 3, of 5, or of both?", "Try 15."]}
                """.formatted(exercise, n);
    }
}
