package dev.progy.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Authenticator;
import dev.progy.server.http.Caller;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.http.Socket;
import dev.progy.server.web.Page;
import dev.progy.server.web.Sessions;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubLive;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Live help's routes (progy-server/LIVE-PROTOCOL.md): rooms and invites for the student ({@code POST /api/v1/live/rooms},
 * {@code POST /api/v1/live/rooms/{id}/invites}), asking to watch ({@code POST /api/v1/live/join}), the recording
 * ({@code GET /api/v1/live/rooms/{id}/recording.cast}), and the two sockets: the student's (its owner's token
 * only) and a viewer's (the account that asked only, by token or web session).
 */
public final class LiveRoutes {

    public static final String SCOPE = "live";
    public static final String ROOMS = "/api/v1/live/rooms";
    public static final String INVITES = "/api/v1/live/rooms/{id}/invites";
    public static final String JOIN = "/api/v1/live/join";
    public static final String RECORDING = "/api/v1/live/rooms/{id}/recording.cast";
    public static final String STUDENT_SOCKET = "/api/v1/live/rooms/{id}/student";
    public static final String VIEWER_SOCKET = "/api/v1/live/rooms/{id}/view/{vid}";
    /** Unambiguous letters and digits: no 0/O, 1/I/L. */
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final String UNKNOWN_INVITE = "This invite is unknown or has expired.";
    static final String UNKNOWN_INVITE_FIX = "Ask the student for a fresh invite (progy share shows it).";
    private static final Limits BODY = new Limits(16 * 1024, 3, 100);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ROOM_ATTR = "progy.live.room";
    private static final String VIEWER_ATTR = "progy.live.viewer";

    private final Live live;
    private final HubLive store;

    private LiveRoutes(Live live) {
        this.live = live;
        this.store = live.store();
    }

    public static List<Route> routes(Live live) {
        LiveRoutes r = new LiveRoutes(live);
        return List.of(
                Route.post(ROOMS, Access.scope(SCOPE), BODY, r::create),
                Route.post(INVITES, Access.scope(SCOPE), Limits.NO_BODY, r::invite),
                Route.post(JOIN, Access.scope(SCOPE), BODY, r::join),
                Route.get(RECORDING, Access.scope(SCOPE), r::recording));
    }

    /** The page of the {@code /live/<invite>} link and the static files it runs. */
    public static final String PAGE = "/live/{invite}";
    /** The recording for a signed-in browser (the student, or a viewer they let in; the room allowed recording). */
    public static final String RECORDING_PAGE = "/live/rooms/{id}/recording.cast";
    static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static List<Route> pages(WebPages web, Live live) {
        LiveRoutes r = new LiveRoutes(live);
        return List.of(
                web.get(PAGE, Access.signedIn(), r::askPage),
                web.post(PAGE, Access.signedIn(), r::watchPage),
                web.get(RECORDING_PAGE, Access.signedIn(), r::recordingPage),
                asset("/static/live/xterm.js", "xterm.js", "text/javascript; charset=utf-8"),
                asset("/static/live/xterm.css", "xterm.css", "text/css; charset=utf-8"),
                asset("/static/live/live.js", "live.js", "text/javascript; charset=utf-8"));
    }

    private static Route asset(String path, String name, String type) {
        byte[] body;
        try (java.io.InputStream in = LiveRoutes.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's jar");
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Route.get(path, Access.publicPage(), x -> new Reply(200, type, body)
                .with("Cache-Control", "public, max-age=3600").with("X-Content-Type-Options", "nosniff"));
    }

    private Reply askPage(Page page) {
        String invite = normal(page.pathParam("invite"));
        Optional<HubLive.Room> room = store.roomByInvite(hash(invite), live.clock().millis());
        if (room.isEmpty()) {
            return page.error(404, "Invite not found", UNKNOWN_INVITE + " " + UNKNOWN_INVITE_FIX);
        }
        return page.render(200, "live.jte", "Watch a terminal", Map.of("step", "ask", "invite", invite,
                "room", room.get().title(), "student", room.get().ownerName()));
    }

    private Reply watchPage(Page page) {
        String invite = normal(page.pathParam("invite"));
        Joined joined;
        try {
            joined = join(page.signedIn(), invite, "");
        } catch (Refusal r) {
            return page.error(r.status, "You cannot watch this terminal", r.getMessage() + " " + r.fix());
        }
        HubLive.Room room = store.room(joined.room()).orElseThrow();
        return page.render(200, "live.jte", "Watch a terminal", Map.of("step", "watch", "invite", invite,
                "room", room.title(), "student", room.ownerName(), "socket", joined.socket(),
                "recording", room.allowRecording() ? RECORDING_PAGE.replace("{id}", room.id()) : ""))
                .with("Content-Security-Policy", PAGE_CSP);
    }

    /** The student's and the viewers' sockets. */
    public static List<Socket> sockets(Live live, Authenticator authenticator, Sessions sessions) {
        LiveRoutes r = new LiveRoutes(live);
        return List.of(
                new Socket(STUDENT_SOCKET, ctx -> r.studentUpgrade(ctx, authenticator), ws -> {
                    ws.onConnect(ctx -> {
                        HubLive.Room room = ctx.attribute(ROOM_ATTR);
                        if (room == null || !room.id().equals(ctx.pathParam("id"))) {
                            ctx.closeSession(1008, "not authenticated");
                            return;
                        }
                        live.studentConnected(ctx, room);
                    });
                    ws.onMessage(ctx -> live.studentMessage(ctx, ctx.pathParam("id"), ctx.message()));
                    ws.onClose(ctx -> live.studentClosed(ctx, ctx.pathParam("id")));
                    ws.onError(ctx -> live.studentClosed(ctx, ctx.pathParam("id")));
                }),
                new Socket(VIEWER_SOCKET, ctx -> r.viewerUpgrade(ctx, authenticator, sessions), ws -> {
                    ws.onConnect(ctx -> {
                        HubLive.Viewer viewer = ctx.attribute(VIEWER_ATTR);
                        if (viewer == null || !viewer.id().equals(ctx.pathParam("vid"))) {
                            ctx.closeSession(1008, "not authenticated");
                            return;
                        }
                        live.viewerConnected(ctx, viewer);
                    });
                    ws.onMessage(ctx -> live.viewerMessage(ctx, ctx.pathParam("vid"), ctx.message()));
                    ws.onClose(ctx -> live.viewerClosed(ctx, ctx.pathParam("vid")));
                    ws.onError(ctx -> live.viewerClosed(ctx, ctx.pathParam("vid")));
                }));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Reply create(Exchange x) {
        Caller caller = x.caller();
        JsonNode body = json(x.body());
        boolean runsOnly = flag(body, "runsOnly");
        boolean recording = flag(body, "allowRecording");
        int cols = size(body, "cols", 80);
        int rows = size(body, "rows", 24);
        String title = body.path("title").asText("Terminal").strip();
        if (title.isEmpty() || title.length() > 200) {
            throw new ApiException(400, "bad_request", "The title should have 1 to 200 characters.");
        }
        List<String> invitees = new ArrayList<>();
        JsonNode named = body.path("inviteAccounts");
        if (!named.isMissingNode() && !named.isNull()) {
            if (!named.isArray() || named.size() > 20) {
                throw new ApiException(400, "bad_request", "inviteAccounts should be a list of at most 20 account "
                        + "names.");
            }
            for (JsonNode n : named) {
                if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 100) {
                    throw new ApiException(400, "bad_request", "inviteAccounts should hold account names.");
                }
                invitees.add(n.asText());
            }
        }
        String id = Live.newId();
        try {
            store.createRoom(id, caller.account(), title, runsOnly, recording, cols, rows, invitees,
                    live.clock().millis(), live.settings().maxRooms());
        } catch (HubLive.LimitReached e) {
            return refused(409, "too_many_rooms", e);
        } catch (ProgyException e) {
            if (e.getCause() != null) {
                throw e;
            }
            return refused(400, "bad_request", e);
        }
        Invite invite = newInvite(id);
        return Reply.json(201, Live.JSON.createObjectNode().put("room", id).put("invite", invite.code())
                .put("inviteUrl", inviteUrl(x, invite.code())).put("expiresAt", invite.expires().toString())
                .put("socket", STUDENT_SOCKET.replace("{id}", id)).put("maxBytesPerSecond", live.settings().maxBytes())
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private Reply invite(Exchange x) {
        HubLive.Room room = owned(x);
        Invite invite = newInvite(room.id());
        return Reply.json(201, Live.JSON.createObjectNode().put("invite", invite.code())
                .put("inviteUrl", inviteUrl(x, invite.code())).put("expiresAt", invite.expires().toString())
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private Reply join(Exchange x) {
        JsonNode body = json(x.body());
        try {
            Joined j = join(x.caller(), body.path("invite").asText(""), body.path("room").asText(""));
            return Reply.json(202, Live.JSON.createObjectNode().put("viewer", j.viewer()).put("room", j.room())
                    .put("socket", j.socket()).toString().getBytes(StandardCharsets.UTF_8));
        } catch (Refusal r) {
            return refused(r.status, r.code, r.problem);
        }
    }

    /** A request to watch, made. */
    public record Joined(String viewer, String room, String socket) { }

    /** A request to watch, refused: the status, code and what to say. */
    public static final class Refusal extends RuntimeException {
        final int status;
        final String code;
        final ProgyException problem;

        Refusal(int status, String code, ProgyException problem) {
            super(problem.getMessage());
            this.status = status;
            this.code = code;
            this.problem = problem;
        }

        public String fix() {
            return problem.fixHint();
        }
    }

    /** {@code caller} asks to watch the room of {@code invite} (or {@code room}, when invited by name). */
    public static Joined join(Live live, Caller caller, String invite, String room) {
        return new LiveRoutes(live).join(caller, invite, room);
    }

    private Joined join(Caller caller, String invite, String roomId) {
        Optional<HubLive.Room> room;
        if (!invite.isBlank()) {
            room = store.roomByInvite(hash(normal(invite)), live.clock().millis());
            if (room.isEmpty()) {
                throw new Refusal(404, "not_found", new ProgyException(UNKNOWN_INVITE, UNKNOWN_INVITE_FIX));
            }
        } else if (!roomId.isBlank()) {
            room = store.room(roomId).filter(HubLive.Room::open).filter(r -> store.invited(r.id(), caller.account()));
            if (room.isEmpty()) {
                throw new Refusal(404, "not_found", new ProgyException("This room is unknown, has ended, or did not "
                        + "name your account.", UNKNOWN_INVITE_FIX));
            }
        } else {
            throw new Refusal(400, "bad_request", new ProgyException("Say which room to watch: an invite code, or "
                    + "the room you were invited to by name.", "Send {\"invite\": \"K7QH-2MXD\"}."));
        }
        if (room.get().owner() == caller.account()) {
            throw new Refusal(409, "own_room", new ProgyException("This is your own room: you cannot watch it as a "
                    + "viewer.", "Give the invite to the person who should watch."));
        }
        HubLive.Viewer viewer;
        try {
            viewer = store.addViewer(Live.newId(), room.get().id(), caller.account(), live.clock().millis(),
                    live.settings().maxViewers());
        } catch (HubLive.LimitReached e) {
            throw new Refusal(409, "too_many_viewers", e);
        }
        if (viewer.state().equals("asked")) {
            live.asked(viewer);
        }
        return new Joined(viewer.id(), viewer.room(),
                VIEWER_SOCKET.replace("{id}", viewer.room()).replace("{vid}", viewer.id()));
    }

    private static final String NO_RECORDING = "There is no recording of this room for your account: only its "
            + "student and the viewers they let in may download it, and only when the student allowed recording.";

    private Reply recording(Exchange x) {
        return recordingFor(x.pathParam("id"), x.caller().account())
                .orElseThrow(() -> new ApiException(404, "not_found", NO_RECORDING));
    }

    private Reply recordingPage(Page page) {
        return recordingFor(page.pathParam("id"), page.signedIn().account())
                .orElseGet(() -> page.error(404, "No recording", NO_RECORDING));
    }

    /** The room's recording as a download, when {@code account} may have it. */
    private Optional<Reply> recordingFor(String roomId, long account) {
        Optional<HubLive.Room> room = store.room(roomId);
        if (room.isEmpty() || !room.get().allowRecording()
                || room.get().owner() != account && !store.wasAllowed(room.get().id(), account)) {
            return Optional.empty();
        }
        return Optional.of(new Reply(200, "application/x-asciicast", cast(room.get()))
                .with("Content-Disposition", "attachment; filename=\"live-" + room.get().id() + ".cast\""));
    }

    /** The room's recording as asciicast v3: a header line, then one event a line, intervals in seconds. */
    byte[] cast(HubLive.Room room) {
        StringBuilder out = new StringBuilder();
        ObjectNode header = Live.JSON.createObjectNode().put("version", 3);
        header.putObject("term").put("cols", room.cols()).put("rows", room.rows());
        header.put("timestamp", room.createdMs() / 1000).put("title", room.title());
        out.append(header).append('\n');
        long[] last = {room.createdMs()};
        store.recording(room.id(), e -> {
            double interval = Math.max(0, e.atMs() - last[0]) / 1000.0;
            last[0] = e.atMs();
            out.append(Live.JSON.createArrayNode().add(interval).add(e.code()).add(e.data())).append('\n');
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sockets

    private void studentUpgrade(Context ctx, Authenticator authenticator) {
        Caller caller = bearer(ctx, authenticator).orElseThrow(() -> new ApiException(401, "unauthorized",
                "The student's socket needs Authorization: Bearer <token> of the account that made the room."));
        ctx.attribute(Socket.CALLER, caller);
        if (!caller.scopes().contains(SCOPE)) {
            throw new ApiException(403, "forbidden", "Your token may not do this: it needs the scope live.");
        }
        HubLive.Room room = store.room(ctx.pathParam("id")).filter(HubLive.Room::open).orElseThrow(() ->
                new ApiException(404, "not_found", "There is no open room " + ctx.pathParam("id") + "."));
        if (room.owner() != caller.account()) {
            throw new ApiException(403, "forbidden", "Only the student who made this room may stream to it.");
        }
        ctx.attribute(ROOM_ATTR, room);
    }

    private void viewerUpgrade(Context ctx, Authenticator authenticator, Sessions sessions) {
        Optional<Caller> caller = bearer(ctx, authenticator);
        caller.ifPresent(c -> ctx.attribute(Socket.CALLER, c));
        if (caller.isPresent() && !caller.get().scopes().contains(SCOPE)) {
            throw new ApiException(403, "forbidden", "Your token may not do this: it needs the scope live.");
        }
        if (caller.isEmpty()) {
            caller = session(ctx, sessions);
        }
        Caller who = caller.orElseThrow(() -> new ApiException(401, "unauthorized", "Watching needs the account "
                + "that asked: a bearer token with the scope live, or a signed-in browser."));
        ctx.attribute(Socket.CALLER, who);
        HubLive.Viewer viewer = store.viewer(ctx.pathParam("vid"))
                .filter(v -> v.room().equals(ctx.pathParam("id")))
                .orElseThrow(() -> new ApiException(404, "not_found", "There is no such viewer of this room."));
        if (viewer.account() != who.account()) {
            throw new ApiException(403, "forbidden", "This viewer's socket belongs to another account: ask to "
                    + "watch with your own.");
        }
        ctx.attribute(VIEWER_ATTR, viewer);
    }

    private static Optional<Caller> bearer(Context ctx, Authenticator authenticator) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authenticator.bearer(header.substring(7).trim()) : Optional.empty();
    }

    /** A signed-in browser, from this site's pages only (its Origin is this host: no other site's script). */
    private static Optional<Caller> session(Context ctx, Sessions sessions) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null || host == null) {
            return Optional.empty();
        }
        try {
            URI o = URI.create(origin);
            String originHost = o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort());
            if (!originHost.equalsIgnoreCase(host)) {
                throw new ApiException(403, "forbidden", "Watching from another site's page is not allowed.");
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String name : List.of("__Host-progy_session", "progy_session")) {
            String id = ctx.cookie(name);
            if (id != null) {
                Optional<Sessions.Signed> signed = sessions.find(id);
                if (signed.isPresent()) {
                    return Optional.of(signed.get().caller());
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Invite(String code, Instant expires) { }

    private Invite newInvite(String room) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        Instant expires = live.clock().instant().plus(live.settings().inviteLife());
        store.addInvite(room, hash(code.toString()), expires.toEpochMilli());
        return new Invite(code.substring(0, 4) + "-" + code.substring(4), expires);
    }

    private String inviteUrl(Exchange x, String code) {
        String base = live.settings().publicUrl();
        if (base.isBlank()) {
            base = "http://" + x.header("Host").orElse("localhost");
        }
        return base.replaceAll("/+$", "") + "/live/" + code;
    }

    /** An invite as typed: case and dashes or spaces do not matter. */
    static String normal(String invite) {
        return invite.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HubLive.Room owned(Exchange x) {
        HubLive.Room room = store.room(x.pathParam("id")).filter(HubLive.Room::open).orElseThrow(() ->
                new ApiException(404, "not_found", "There is no open room " + x.pathParam("id") + "."));
        if (room.owner() != x.caller().account()) {
            throw new ApiException(403, "forbidden", "Only the student who made this room may do this.");
        }
        return room;
    }

    private static Reply refused(int status, String code, ProgyException e) {
        return Reply.json(status, Live.JSON.createObjectNode().put("error", code).put("message", e.getMessage())
                .put("fix", e.fixHint()).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? Live.JSON.createObjectNode() : Live.JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new ApiException(400, "bad_request", "The body should be a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "The body is not JSON.");
        }
    }

    private static boolean flag(JsonNode body, String name) {
        JsonNode n = body.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ApiException(400, "bad_request", name + " should be true or false.");
        }
        return n.asBoolean();
    }

    private static int size(JsonNode body, String name, int fallback) {
        JsonNode n = body.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 1000) {
            throw new ApiException(400, "bad_request", name + " should be a number from 1 to 1000.");
        }
        return n.asInt();
    }
}
