package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.tutor.TutorClient;
import dev.progy.sync.tutor.TutorUnavailableException;

import java.time.Duration;
import java.util.Optional;

/**
 * Which server the tutor and {@code progy ai} talk to, and with which token: {@code --server}, else the server the
 * registry and telemetry use ({@code PROGY_REGISTRY_SERVER}, {@code PROGY_SYNC_SERVER}, the workspace's sync server,
 * the only one you are signed in to); the token is the one {@code progy login} saved for it.
 */
final class TutorAccess {

    private TutorAccess() { }

    /** A client for the server; signed out (no server, no token) is a {@link TutorUnavailableException}. */
    static TutorClient client(CliContext ctx, String named) {
        Optional<String> server;
        try {
            server = named != null ? Optional.of(ServerChoice.of(ctx, named, false, "progy tutor --server <server>"))
                    : Telemetry.server(ctx);
        } catch (ProgyException e) {
            server = Optional.empty();
        }
        if (server.isEmpty()) {
            throw new TutorUnavailableException(TutorUnavailableException.Reason.SIGNED_OUT,
                    "You are not signed in to a Progy server.", "Sign in with `progy login <server>`.",
                    Optional.empty());
        }
        String url = server.get();
        Optional<String> token;
        try {
            token = ServerChoice.tokens(ctx).token(url);
        } catch (ProgyException e) {
            token = Optional.empty();
        }
        Duration timeout = ctx.config().seconds("progy.tutor.timeout", Duration.ofSeconds(30));
        return new TutorClient(ProgressSync.serverUri(url), token, timeout);
    }
}
