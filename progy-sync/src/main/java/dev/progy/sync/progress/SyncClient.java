package dev.progy.sync.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.ProgyException;
import dev.progy.sync.wire.RecordJson;
import dev.progy.sync.wire.SyncRequest;
import dev.progy.sync.wire.SyncResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /api/v1/sync} over {@link HttpClient}, HTTP/1.1 (no upgrade dance: one request, one answer). A
 * transport failure (refused, reset, timed out) is an {@link IOException} the caller may retry; an answer that is
 * not a success is a {@link ProgyException} saying what the server said.
 */
final class SyncClient {

    static final String PATH = "/api/v1/sync";

    private final HttpClient http;
    private final URI endpoint;
    private final String token;
    private final Duration timeout;

    SyncClient(URI server, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        String base = server.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + PATH);
        this.token = token;
        this.timeout = timeout;
    }

    SyncResponse exchange(SyncRequest request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        request.write(body);
        HttpRequest http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = this.http.send(http, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() == 200) {
                try {
                    return SyncResponse.read(in);
                } catch (RecordJson.Malformed e) {
                    throw new ProgyException("The sync server at " + endpoint + " answered something that is not a "
                            + "sync response: " + e.getMessage() + ".", "Check that the URL names a Progy server.");
                }
            }
            String said = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
            if (response.statusCode() == 401) {
                throw new ProgyException("The sync server at " + endpoint + " did not accept the token.",
                        "Sign in again with `progy login " + server() + "`, or save a token you were given with "
                                + "`progy sync --server " + server() + " --token <token>` (or set PROGY_SYNC_TOKEN).");
            }
            String message = serverSentence(said);
            if (response.statusCode() == 403) {
                throw new ProgyException("The sync server at " + server() + " refused this token: " + message,
                        "Sign in again with `progy login " + server() + "` (it asks for the scope sync), or make a "
                                + "token with the scope sync on the server's /tokens page.");
            }
            throw new ProgyException("The sync server at " + endpoint + " answered " + response.statusCode() + ": "
                    + message, response.statusCode() >= 500 ? "Try again later; the server's log says more."
                    : "Update Progy, or tell the server's admin.");
        }
    }

    /** The sentence of the server's {@code {"error": code, "message": sentence}} body, else the body as it came. */
    private static String serverSentence(String body) {
        try {
            JsonNode n = new ObjectMapper().readTree(body);
            if (n != null && n.path("message").isTextual()) {
                return n.path("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: show it as it came
        }
        return body;
    }

    /** The server's base URL, as the student gave it. */
    private String server() {
        String e = endpoint.toString();
        return e.substring(0, e.length() - PATH.length());
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
