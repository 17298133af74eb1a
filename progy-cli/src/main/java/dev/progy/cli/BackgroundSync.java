package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Syncs after a run when a server is configured, in a detached {@code progy sync --background} process. A process
 * rather than a thread: the run prints its result and exits at once whatever the network does — a thread would
 * have to be waited for at exit or be cut off mid-request — and a slow or failing server can change neither the
 * run's output nor its exit code. Starting it costs a fork (a few milliseconds). Two such syncs at once, or one
 * killed midway, are safe: the batch in flight is stored with its idempotency key before it is sent.
 */
final class BackgroundSync {

    private BackgroundSync() { }

    /** Starts the sync if a server is configured; never throws. */
    static void afterRun(CliContext ctx, Workspace ws) {
        ProviderConfig config = ctx.config();
        if (!ProgressSync.configured(config) || "0".equals(config.get("progy.sync.background"))) {
            return;
        }
        try {
            Map<String, String> env = new HashMap<>();
            config.find(ProgressSync.SERVER_KEY).ifPresent(v -> env.put("PROGY_SYNC_SERVER", v));
            config.find(ProgressSync.TOKEN_KEY).ifPresent(v -> env.put("PROGY_SYNC_TOKEN", v));
            config.find(CliContext.PROGRESS_KEY).ifPresent(v -> env.put("PROGY_PROGRESS", v));
            DetachedProgy.start(ctx, ws.root(), env, "sync", "--background", "--dir", ws.root().toString());
        } catch (IOException | RuntimeException e) {
            // the run is what the student asked for; the next sync sends what this one did not
        }
    }
}
