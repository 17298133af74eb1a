package dev.progy.sync.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Requests to a Progy server's JSON API over {@link HttpClient}, HTTP/1.1: form-encoded posts (as OAuth's endpoints
 * take them) and GETs, with or without a bearer token; every answer read as JSON. Not reaching the server, or an
 * answer that is not JSON, is a {@link ProgyException} that says so in words.
 */
final class ServerCalls {

    /** An answer: its status and JSON body (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").asText("");
        }

        String message() {
            String m = body.path("error_description").asText(body.path("message").asText(""));
            return m.isBlank() ? "status " + status : m;
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    ServerCalls(URI server, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.base = server.toString().replaceAll("/+$", "");
        this.timeout = timeout;
    }

    String base() {
        return base;
    }

    Answer post(String path, Map<String, String> form, Optional<String> token) throws InterruptedException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return send(b.build());
    }

    Answer get(String path, String token) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private Answer send(HttpRequest request) throws InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unreachable(base);
        }
        String text = r.body() == null ? "" : r.body();
        JsonNode body;
        try {
            body = text.isBlank() ? JsonTrees.object() : JsonTrees.parse(text);
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ProgyException("The server at " + base + " answered " + r.statusCode()
                    + " with something that is not a Progy server's JSON.",
                    "Check that the address names a Progy server (e.g. https://progy.example.org).");
        }
        return new Answer(r.statusCode(), body);
    }

    /** The server could not be reached at all: nothing was changed there. */
    static final class Unreachable extends ProgyException {
        Unreachable(String base) {
            super("Could not reach the Progy server at " + base + ".",
                    "Check the address and your network connection, then try again.");
        }
    }
}
