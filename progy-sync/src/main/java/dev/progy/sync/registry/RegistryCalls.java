package dev.progy.sync.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests to a Progy server's registry API over {@link HttpClient} (HTTP/1.1): JSON answers, archive uploads and
 * archive downloads, each with the client's {@code User-Agent} and, when there is one, the person's bearer token.
 */
final class RegistryCalls {

    /** An answer: its status and JSON body (an empty object when it had none or it was not JSON). */
    record Answer(int status, JsonNode body) {
        /** The server's words for a refusal, in either error shape it uses. */
        String message() {
            JsonNode error = body.path("error");
            String m = error.isObject() ? error.path("message").asText("")
                    : body.path("message").asText(body.path("error_description").asText(""));
            return m.isBlank() ? "status " + status : m;
        }
    }

    private final HttpClient http;
    private final String base;
    private final Optional<String> token;
    private final Duration timeout;
    private final String userAgent;

    RegistryCalls(URI server, Optional<String> token, Duration timeout, String userAgent) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.base = server.toString().replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    String base() {
        return base;
    }

    boolean signedIn() {
        return token.isPresent();
    }

    Answer get(String path) {
        return json(request(path).GET().build());
    }

    /** A request without a body, e.g. {@code POST} or {@code DELETE} of a version's yank mark. */
    Answer send(String method, String path) {
        return json(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    Answer post(String path, Path body) {
        try {
            return json(request(path).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(body)).build());
        } catch (IOException e) {
            throw new ProgyException("Could not read " + body + " to upload it.", "Check that the file exists and is "
                    + "readable.", e);
        }
    }

    /**
     * Starts a download: the status, and the body as a stream the caller closes (a refusal's body is read as JSON
     * and given through {@link Download#refusal()}).
     */
    Download download(String path) {
        HttpResponse<InputStream> r = send(request(path).timeout(timeout.multipliedBy(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 200) {
            return new Download(200, r.body(), null);
        }
        try (InputStream in = r.body()) {
            return new Download(r.statusCode(), null, parse(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Download(r.statusCode(), null, JsonTrees.object());
        }
    }

    /** A download started: {@code body} when it is 200, else {@code error}. */
    record Download(int status, InputStream body, JsonNode error) {
        Answer refusal() {
            return new Answer(status, error);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("User-Agent", userAgent).header("Accept", "application/json");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private Answer json(HttpRequest request) {
        HttpResponse<String> r = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), parse(r.body()));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ProgyException("Could not reach the Progy registry at " + base + ".",
                    "Check the address and your network connection, then try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgyException("Stopped while talking to the Progy registry at " + base + ".", "Run it again.");
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonTrees.object();
        }
        try {
            JsonNode n = JsonTrees.parse(text);
            return n != null && n.isObject() ? n : JsonTrees.object();
        } catch (RuntimeException e) {
            return JsonTrees.object();
        }
    }
}
