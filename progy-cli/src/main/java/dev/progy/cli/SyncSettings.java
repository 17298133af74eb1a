package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.progress.ProgressSync;

import java.util.Optional;

/**
 * Where a workspace syncs: the server from {@code --server}, else {@code -Dprogy.sync.server} /
 * {@code PROGY_SYNC_SERVER}, else the one saved in the workspace by {@code progy sync --server}; the token likewise
 * from {@code --token} or the environment, else the one saved for that server in the user's config folder.
 *
 * @param server the sync server's URL
 * @param token  the account's token, when one is known for that server
 */
record SyncSettings(String server, Optional<String> token) {

    /** The saved or configured settings of {@code ws}; empty when no server is known for it. */
    static Optional<SyncSettings> of(CliContext ctx, Workspace ws) {
        ProviderConfig config = ctx.config();
        Optional<String> server = config.find(ProgressSync.SERVER_KEY).or(() -> ws.setting(ProgressSync.SERVER_KEY));
        if (server.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = config.find(ProgressSync.TOKEN_KEY).or(() -> savedToken(ctx, server.get()));
        return Optional.of(new SyncSettings(server.get(), token));
    }

    /** The tokens saved in the user's config folder ({@code $XDG_CONFIG_HOME/progy} or {@code ~/.config/progy}). */
    static ServerTokens tokens(CliContext ctx) {
        return ServerTokens.in(ServerTokens.userConfigDir(ctx.env));
    }

    private static Optional<String> savedToken(CliContext ctx, String server) {
        try {
            return tokens(ctx).token(server);
        } catch (ProgyException e) {
            return Optional.empty(); // no home folder: nothing was saved
        }
    }

    /** The settings as configuration for {@link ProgressSync}, over the command's own. */
    ProviderConfig config(CliContext ctx) {
        return ((ProviderConfig) key -> key.equals(ProgressSync.SERVER_KEY) ? server
                : key.equals(ProgressSync.TOKEN_KEY) ? token.orElse(null) : null).orElse(ctx.config());
    }
}
