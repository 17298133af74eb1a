package dev.progy.sync.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live help on a Progy server, as a signed-in person: create a room to share a terminal in, make a fresh invite,
 * join a room as a viewer, and open a room's WebSocket. Every call carries the person's bearer token (scope
 * {@code live}); every refusal is a {@link ProgyException} in words, with what to do.
 */
public final class LiveClient {
    static final String ROOMS = "/api/v1/live/rooms";
    static final String JOIN = "/api/v1/live/join";

    /** What a room is made with. */
    public record RoomRequest(boolean runsOnly, boolean allowRecording, int cols, int rows, String title,
                              List<String> inviteAccounts) {
        public RoomRequest {
            inviteAccounts = List.copyOf(inviteAccounts);
        }
    }

    /**
     * A room made for the student: its id, invite code and link, when the invite expires, its student socket, and the
     * most output a second the server streams to viewers (more is dropped there, viewers get the screen again later).
     */
    public record Room(String id, String invite, String inviteUrl, String expiresAt, String socket,
                       long maxBytesPerSecond) {
        /** A room whose server did not say how much output a second it streams ({@code maxBytesPerSecond} 0). */
        public Room(String id, String invite, String inviteUrl, String expiresAt, String socket) {
            this(id, invite, inviteUrl, expiresAt, socket, 0);
        }
    }

    /** A viewer's place in a room: its viewer id, the room and the viewer socket. */
    public record Joined(String viewer, String room, String socket) { }

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    public LiveClient(URI server, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.base = server.toString().replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
    }

    /** The server's address, without a trailing slash. */
    public String base() {
        return base;
    }

    /** Creates a room for the signed-in student. */
    public Room createRoom(RoomRequest request) throws InterruptedException {
        ObjectNode body = Frames.JSON.createObjectNode();
        body.put("runsOnly", request.runsOnly());
        body.put("allowRecording", request.allowRecording());
        body.put("cols", request.cols());
        body.put("rows", request.rows());
        body.put("title", request.title());
        if (!request.inviteAccounts().isEmpty()) {
            ArrayNode a = body.putArray("inviteAccounts");
            request.inviteAccounts().forEach(a::add);
        }
        JsonNode b = ok(post(ROOMS, body), 201, "create a room to share in");
        return new Room(b.path("room").asText(), b.path("invite").asText(), b.path("inviteUrl").asText(),
                b.path("expiresAt").asText(""), b.path("socket").asText(ROOMS + "/" + b.path("room").asText() + "/student"),
                Math.max(0, b.path("maxBytesPerSecond").asLong(0)));
    }

    /** A fresh invite for the student's room {@code room} (the earlier one expires as it would have). */
    public Room newInvite(Room room) throws InterruptedException {
        JsonNode b = ok(post(ROOMS + "/" + room.id() + "/invites", Frames.JSON.createObjectNode()), 201,
                "make a fresh invite");
        return new Room(room.id(), b.path("invite").asText(), b.path("inviteUrl").asText(), b.path("expiresAt").asText(""),
                room.socket(), room.maxBytesPerSecond());
    }

    /** Asks to watch the room that {@code invite} (a code, or a link ending in one) opens. */
    public Joined join(String invite) throws InterruptedException {
        String code = invite.strip();
        int slash = code.lastIndexOf('/');
        if (slash >= 0) {
            code = code.substring(slash + 1);
        }
        ObjectNode body = Frames.JSON.createObjectNode();
        body.put("invite", code.toUpperCase(java.util.Locale.ROOT));
        JsonNode b = ok(post(JOIN, body), 202, "let you join");
        String room = b.path("room").asText();
        String viewer = b.path("viewer").asText();
        return new Joined(viewer, room, b.path("socket").asText(ROOMS + "/" + room + "/view/" + viewer));
    }

    /** Opens the WebSocket at {@code path} (a student or viewer socket the server named), frames to {@code listener}. */
    public LiveSocket connect(String path, LiveSocket.Listener listener) throws InterruptedException {
        String ws = base.replaceFirst("^http", "ws") + (path.startsWith("/") ? path : "/" + path);
        LiveSocket live = new LiveSocket();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(timeout).header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(ws), new LiveSocket.Receiver(listener, failure::set))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                Object body = h.getResponse().body();
                JsonNode answer = body instanceof String s ? Frames.read(s).orElse(Frames.JSON.createObjectNode())
                        : Frames.JSON.createObjectNode();
                throw refusal(status, answer, "open the room's connection");
            }
            throw unreachable();
        } catch (TimeoutException e) {
            throw unreachable();
        }
        live.attach(socket);
        return live;
    }

    private HttpResponse<String> post(String path, JsonNode body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Frames.write(body), StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable();
        }
    }

    private JsonNode ok(HttpResponse<String> r, int expected, String what) {
        JsonNode body = Frames.read(r.body() == null ? "" : r.body()).orElse(null);
        if (r.statusCode() == expected || (r.statusCode() / 100 == 2 && body != null)) {
            if (body == null) {
                throw new ProgyException("The server at " + base + " answered with something that is not a Progy "
                        + "server's JSON.", "Check that the address names a Progy server (e.g. https://progy.example.org).");
            }
            return body;
        }
        throw refusal(r.statusCode(), body == null ? Frames.JSON.createObjectNode() : body, what);
    }

    private ProgyException refusal(int status, JsonNode body, String what) {
        JsonNode error = body.path("error");
        // the server answers {"error": "<code>", "message": "<sentence>"}: the sentence is what the student reads
        String message = error.isObject() ? error.path("message").asText("")
                : body.hasNonNull("message") ? body.path("message").asText("") : error.asText("");
        String fix = error.isObject() ? error.path("fix").asText("") : body.path("fix").asText("");
        if (status == 401) {
            return new ProgyException("The server at " + base + " does not accept your saved token: it was revoked or "
                    + "has expired.", "Sign in again with `progy login " + base + "`.");
        }
        if (status == 403 && (message.isBlank() || message.toLowerCase(java.util.Locale.ROOT).contains("scope"))) {
            return new ProgyException("Your token for " + base + " may not use live help"
                    + (message.isBlank() ? "." : ": " + message),
                    "Sign in again with `progy login " + base + "` (it asks for the scope live).");
        }
        if (status == 404 && message.isBlank()) {
            return new ProgyException("The server at " + base + " has no live help (it answered 404 when asked to "
                    + what + ").", "Update the server, or ask its operator to turn live help on.");
        }
        if (message.isBlank()) {
            message = "The server at " + base + " could not " + what + " (status " + status + ").";
        }
        if (fix.isBlank()) {
            fix = status == 429 ? "Wait a little and try again." : status >= 500
                    ? "Try again later; the server's log says more." : "Try again; if it happens again, tell the server's operator.";
        }
        return new ProgyException(message, fix);
    }

    private ProgyException unreachable() {
        return new ProgyException("Could not reach the Progy server at " + base + ".",
                "Check the address and your network connection, then try again.");
    }
}
