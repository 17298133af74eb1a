package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The live help routes as the CLI calls them. */
final class LiveHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json, String text) { }

    private LiveHttp() { }

    static Answer post(String server, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Answer get(String server, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = LiveSocket.JSON.readTree(r.body());
            } catch (Exception e) {
                json = LiveSocket.JSON.createObjectNode();
            }
            return new Answer(r.statusCode(), json == null ? LiveSocket.JSON.createObjectNode() : json, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a room as {@code token}'s student; returns the answer (201 with room, invite, socket). */
    static JsonNode room(String server, String token, String options) {
        Answer a = post(server, "/api/v1/live/rooms", token, options);
        if (a.status() != 201) {
            throw new AssertionError("making a room answered " + a.status() + ": " + a.text());
        }
        return a.json();
    }

    static Answer join(String server, String token, String invite) {
        return post(server, "/api/v1/live/join", token, "{\"invite\":\"" + invite + "\"}");
    }
}
