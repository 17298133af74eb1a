package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Syncs after a run when a server is configured (saved for the workspace by {@code progy sync --server}, or in the
 * environment), in a detached {@code progy sync --background} process. A process rather than a thread: the run
 * prints its result and exits at once whatever the network does — a thread would have to be waited for at exit or be
 * cut off mid-request — and a slow or failing server can change neither the run's output nor its exit code. Starting
 * it costs a fork (a few milliseconds). Two such syncs at once, or one killed midway, are safe: the batch in flight
 * is stored with its idempotency key before it is sent.
 */
final class BackgroundSync {

    private BackgroundSync() { }

    /** Starts the sync if a server and a token are known for the workspace; never throws. */
    static void afterRun(CliContext ctx, Workspace ws) {
        try {
            ProviderConfig config = ctx.config();
            Optional<SyncSettings> settings = SyncSettings.of(ctx, ws);
            if (settings.isEmpty() || settings.get().token().isEmpty() || "0".equals(config.get("progy.sync.background"))) {
                return;
            }
            // settings given as -D reach the child through its environment; saved ones it finds itself
            Map<String, String> env = new HashMap<>();
            config.find(ProgressSync.SERVER_KEY).ifPresent(v -> env.put("PROGY_SYNC_SERVER", v));
            config.find(ProgressSync.TOKEN_KEY).ifPresent(v -> env.put("PROGY_SYNC_TOKEN", v));
            DetachedProgy.start(ctx, ws.root(), env, "sync", "--background", "--dir", ws.root().toString());
        } catch (IOException | RuntimeException e) {
            // the run is what the student asked for; the next sync sends what this one did not
        }
    }
}
