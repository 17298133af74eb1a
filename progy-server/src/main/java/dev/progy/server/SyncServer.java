package dev.progy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.progy.ProgyException;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.hub.SyncRejectedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The HTTP face of a {@link SyncHub}:
 * <ul>
 *   <li>{@code GET /api/v1/health}: {@code {"status":"up","schemaVersion":1,"database":"sqlite:/…"}}, 200 when the
 *       database answers, 503 otherwise;</li>
 *   <li>{@code POST /api/v1/sync} with {@code Authorization: Bearer <token>}: the body is a
 *       {@link dev.progy.sync.wire.SyncRequest}, the answer a {@link dev.progy.sync.wire.SyncResponse}.</li>
 * </ul>
 * Errors answer {@code {"error":"<code>","message":"…"}}: 401 {@code unauthorized} (no or unknown token), 400
 * {@code bad_request}, 409 {@code key_reused}, 413 {@code too_many_records}, 500 {@code server_error}.
 */
public final class SyncServer implements AutoCloseable {

    static final String SYNC = "/api/v1/sync";
    static final String HEALTH = "/api/v1/health";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final SyncHub hub;
    private final Javalin app;

    private SyncServer(SyncHub hub, Javalin app) {
        this.hub = hub;
        this.app = app;
    }

    /** Serves {@code hub} on {@code host}:{@code port} (0: any free port); the hub is closed with the server. */
    public static SyncServer start(SyncHub hub, String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 32L * 1024 * 1024; // MAX_PUSH records of a few hundred bytes each
            config.routes.get(HEALTH, ctx -> health(hub, ctx));
            config.routes.post(SYNC, ctx -> sync(hub, ctx));
            config.routes.exception(SyncRejectedException.class, (e, ctx) ->
                    error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(ProgyException.class, (e, ctx) ->
                    error(ctx, 500, "server_error", e.getMessage()));
        });
        app.start(host, port);
        return new SyncServer(hub, app);
    }

    public int port() {
        return app.port();
    }

    private static void health(SyncHub hub, Context ctx) {
        SyncHub.HubHealth h = hub.health();
        ctx.status(h.up() ? 200 : 503).contentType("application/json").result(json(g -> {
            g.writeStringField("status", h.up() ? "up" : "down");
            g.writeNumberField("schemaVersion", h.schemaVersion());
            g.writeStringField("database", h.database());
            if (!h.up()) {
                g.writeStringField("problem", h.problem());
            }
        }));
    }

    private static void sync(SyncHub hub, Context ctx) {
        Optional<HubAccount> account = bearer(ctx.header("Authorization")).flatMap(hub::authenticate);
        if (account.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, HttpStatus.UNAUTHORIZED.getCode(), "unauthorized",
                    "A valid bearer token is needed: send Authorization: Bearer <token> of your account.");
            return;
        }
        byte[] answer = hub.sync(account.get(), ctx.bodyInputStream());
        ctx.status(200).contentType("application/json").result(answer);
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(json(g -> {
            g.writeStringField("error", code);
            g.writeStringField("message", message);
        }));
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        app.stop();
        hub.close();
    }
}
