package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.progress.ProgressSync;

import java.util.List;
import java.util.Optional;

/**
 * Which server {@code progy login}, {@code logout} and {@code tokens} mean: the one named on the command line, else
 * {@code PROGY_SYNC_SERVER} ({@code -Dprogy.sync.server}), else the one the workspace syncs with, else, for commands
 * that need a saved token, the only server one is saved for.
 */
final class ServerChoice {

    private ServerChoice() { }

    /** The server, checked as an http(s) URL; {@code savedOnly}: also the only server a token is saved for. */
    static String of(CliContext ctx, String named, boolean savedOnly, String usage) {
        return find(ctx, named, savedOnly, usage).orElseThrow(() -> savedOnly
                ? new ProgyException("You are not signed in to any Progy server.", "Sign in with `progy login "
                        + "<server>`, or name the server: `" + usage + "`.")
                : new ProgyException("Which server? None is named, configured or saved.", "Run `" + usage + "`, "
                        + "e.g. `" + usage.replace("<server>", "https://progy.example.org") + "`."));
    }

    /** {@link #of}, or empty when no server is named, configured or saved. */
    static Optional<String> find(CliContext ctx, String named, boolean savedOnly, String usage) {
        Optional<String> server = Optional.ofNullable(named)
                .or(() -> ctx.config().find(ProgressSync.SERVER_KEY))
                .or(() -> workspaceServer(ctx));
        if (server.isEmpty() && savedOnly) {
            List<String> saved = savedServers(ctx);
            if (saved.size() == 1) {
                server = Optional.of(saved.get(0));
            } else if (saved.size() > 1) {
                throw new ProgyException("You are signed in to " + saved.size() + " servers: " + String.join(", ", saved)
                        + "; say which one.", "Run `" + usage + "`, e.g. `" + usage.replace("<server>", saved.get(0))
                        + "`.");
            }
        }
        return server.map(s -> ServerTokens.key(ProgressSync.serverUri(s).toString()));
    }

    /** The tokens saved in the user's config folder. */
    static ServerTokens tokens(CliContext ctx) {
        return SyncSettings.tokens(ctx);
    }

    private static List<String> savedServers(CliContext ctx) {
        try {
            return tokens(ctx).servers();
        } catch (ProgyException e) {
            return List.of();
        }
    }

    private static Optional<String> workspaceServer(CliContext ctx) {
        try {
            return ctx.workspace(null).setting(ProgressSync.SERVER_KEY);
        } catch (ProgyException e) {
            return Optional.empty(); // not in a workspace
        }
    }
}
