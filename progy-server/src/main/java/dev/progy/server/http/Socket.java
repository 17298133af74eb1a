package dev.progy.server.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A WebSocket endpoint of the route table: {@code upgrade} decides, on the HTTP request, who asks and whether
 * they may (it throws {@link ApiException} to refuse: the upgrade is then answered with its status and JSON
 * error, and no socket opens); {@code handlers} serve the socket once open.
 */
public record Socket(String path, Upgrade upgrade, Consumer<WsConfig> handlers) {

    /**
     * The context attribute an upgrade sets to the {@link Caller} it authenticated: opening the socket then counts
     * against that account's {@link RateClass#WRITE} allowance for this path, else against the network address's.
     */
    public static final String CALLER = "progy.socket.caller";

    public Socket {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(upgrade, "every socket declares who may open it");
        Objects.requireNonNull(handlers, "handlers");
    }

    /** Checks an upgrade request; keeps what it learnt in the context's attributes for the handlers. */
    @FunctionalInterface
    public interface Upgrade {
        void check(Context ctx);
    }
}
